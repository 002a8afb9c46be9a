#include "source/git/history/git_messages.h"

#include <cstring>

#include "source/git/git_handles.h"

namespace leakhound::source {

bool EmitCommitMessages(git_repository* repo, const CommitGraph& graph, CommitInfoCache& infos,
                        const Source::Emit& emit, std::stop_token stop,
                        const std::function<bool(const BlobId&)>& skip, const CommitStore* store) {
  CommitFields fields;
  for (uint32_t i = 0; i < graph.nodes.size(); ++i) {
    if (stop.stop_requested()) return false;
    Blob blob;
    std::string_view raw;
    if (store && store->Find(graph.nodes[i].id, &raw) && ParseCommit(raw, &fields)) {
      if (fields.message.empty()) continue;
      blob.bytes.assign(fields.message);
    } else {
      git_oid oid = ToOid(graph.nodes[i].id);
      git_commit* commit = nullptr;
      if (git_commit_lookup(&commit, repo, &oid) != 0) continue;  // counted by the walk already
      CommitPtr owned(commit);
      const char* message = git_commit_message(commit);
      if (message == nullptr || *message == '\0') continue;
      blob.bytes.assign(message, std::strlen(message));
    }
    git_oid id;
    if (git_odb_hash(&id, blob.bytes.data(), blob.bytes.size(), GIT_OBJECT_BLOB) != 0) continue;
    blob.id = ToBlobId(id);
    if (skip && skip(blob.id)) continue;
    blob.provenance.origin = Origin::kCommit;
    blob.provenance.path = kCommitMessagePath;
    blob.provenance.commit = infos.Bare(i, graph.nodes[i].id);
    if (!emit(std::move(blob))) return false;
  }
  return true;
}

}  // namespace leakhound::source
