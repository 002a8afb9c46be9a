#include "core/read_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

namespace leakhound {
namespace {

std::string Temp(const std::string& name) {
  return ::testing::TempDir() + "/lh-read-file-" + std::to_string(getpid()) + "-" + name;
}

TEST(ReadFileTest, ReadsRegularFiles) {
  std::string path = Temp("ok");
  std::ofstream(path) << "key = value\n";
  auto text = ReadRegularFile(path);
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*text, "key = value\n");
  unlink(path.c_str());
}

TEST(ReadFileTest, MissingFileIsNotFound) {
  auto text = ReadRegularFile(Temp("missing"));
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, ErrorCode::kNotFound);
}

TEST(ReadFileTest, RefusesFifosAndDevicesWithoutBlocking) {
  std::string fifo = Temp("fifo");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  auto text = ReadRegularFile(fifo);  // no writer: a blocking open would hang here
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().message, fifo + ": not a regular file");
  unlink(fifo.c_str());
  auto zero = ReadRegularFile("/dev/zero");
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error().message, "/dev/zero: not a regular file");
}

TEST(ReadFileTest, RefusesFilesOverTheLimit) {
  std::string path = Temp("big");
  std::ofstream(path) << std::string(3 << 20, 'x');
  auto text = ReadRegularFile(path, 2 << 20);
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().message, path + ": larger than 2 MiB");
  EXPECT_TRUE(ReadRegularFile(path, 4 << 20));
  unlink(path.c_str());
}

}  // namespace
}  // namespace leakhound
