#include "decode/archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "source/content/content.h"

namespace leakhound::decode {
namespace {

// An archive in memory: `format` "zip" or "tar"; `filter` "gzip" or "".
std::string MakeArchive(const std::vector<std::pair<std::string, std::string>>& files,
                        const std::string& format, const std::string& filter = "") {
  std::string buf(16 << 20, '\0');
  size_t used = 0;
  archive* a = archive_write_new();
  if (format == "zip") archive_write_set_format_zip(a);
  if (format == "tar") archive_write_set_format_pax_restricted(a);
  if (filter == "gzip") archive_write_add_filter_gzip(a);
  archive_write_open_memory(a, buf.data(), buf.size(), &used);
  for (const auto& [name, data] : files) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a, e);
    archive_write_data(a, data.data(), data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  buf.resize(used);
  return buf;
}

struct Seen {
  std::string path, bytes, chain;
};

std::vector<Seen> Expand(const std::string& bytes, const ArchiveLimits& limits, ScanStats& stats,
                         bool* ok = nullptr) {
  std::vector<Seen> seen;
  bool r =
      ExpandArchive(bytes, "dir/a.zip", limits, stats,
                    [&](const std::string& p, std::string& b, const std::vector<std::string>& c) {
                      std::string chain;
                      for (const auto& s : c) chain += s + ">";
                      seen.push_back({p, b, chain});
                    });
  if (ok) *ok = r;
  return seen;
}

TEST(ArchiveTest, ZipAndNestedTarGz) {
  std::string inner = MakeArchive({{"etc/ci.yml", "token: x\n"}}, "tar", "gzip");
  std::string zip = MakeArchive({{"a.txt", "hello\n"}, {"lib/conf.tgz", inner}}, "zip");
  ASSERT_TRUE(source::LooksLikeArchive(zip));
  ScanStats stats;
  auto seen = Expand(zip, ArchiveLimits{}, stats);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].path, "a.zip!/a.txt");
  EXPECT_EQ(seen[0].chain, "zip>");
  EXPECT_EQ(seen[1].path, "a.zip!/lib/conf.tgz!/etc/ci.yml");
  EXPECT_EQ(seen[1].bytes, "token: x\n");
  EXPECT_EQ(seen[1].chain, "zip>gzip>tar>");
  EXPECT_EQ(stats.skipped_archive.load(), 0u);
}

TEST(ArchiveTest, DepthLimitCountsTheUnopenedArchive) {
  std::string inner = MakeArchive({{"x.txt", "x\n"}}, "zip");
  std::string zip = MakeArchive({{"in.zip", inner}}, "zip");
  ScanStats stats;
  ArchiveLimits limits;
  limits.max_depth = 1;
  EXPECT_TRUE(Expand(zip, limits, stats).empty());
  EXPECT_EQ(stats.skipped_archive.load(), 1u);
}

TEST(ArchiveTest, RatioAndMemberLimits) {
  std::string zeros(8 << 20, '0');
  std::string zip = MakeArchive({{"z.txt", zeros}, {"b.txt", "b\n"}}, "zip");
  ScanStats stats;
  ArchiveLimits limits;
  limits.max_ratio = 10;
  // The bomb stops the walk: counted, with a problem naming the limit.
  EXPECT_TRUE(Expand(zip, limits, stats).empty());
  EXPECT_EQ(stats.skipped_archive.load(), 1u);
  ASSERT_EQ(stats.Problems().size(), 1u);
  EXPECT_NE(stats.Problems()[0].find("compression-ratio"), std::string::npos);

  std::string many = MakeArchive({{"1", "a"}, {"2", "b"}, {"3", "c"}}, "zip");
  ScanStats s2;
  limits = ArchiveLimits{};
  limits.max_members = 2;
  EXPECT_EQ(Expand(many, limits, s2).size(), 2u);
  EXPECT_EQ(s2.skipped_archive.load(), 1u);
}

TEST(ArchiveTest, CorruptOrNotAnArchive) {
  ScanStats stats;
  bool ok = true;
  EXPECT_TRUE(Expand(std::string("PK\x03\x04garbage", 11), ArchiveLimits{}, stats, &ok).empty());
  EXPECT_FALSE(ok);
  EXPECT_FALSE(source::LooksLikeArchive("plain text"));
}

}  // namespace
}  // namespace leakhound::decode
