#include "source/git/history/git_messages.h"

#include <cstring>

#include "source/git/git_handles.h"

namespace leakhound::source {

bool EmitCommitMessages(git_repository* repo, const CommitGraph& graph, CommitInfoCache& infos,
                        const Source::Emit& emit, std::stop_token stop,
                        const std::function<bool(const BlobId&)>& skip) {
  for (uint32_t i = 0; i < graph.nodes.size(); ++i) {
    if (stop.stop_requested()) return false;
    git_oid oid = ToOid(graph.nodes[i].id);
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo, &oid) != 0) continue;  // counted by the walk already
    CommitPtr commit(raw);
    const char* message = git_commit_message(raw);
    if (message == nullptr || *message == '\0') continue;
    Blob blob;
    blob.bytes.assign(message, std::strlen(message));
    git_oid id;
    if (git_odb_hash(&id, blob.bytes.data(), blob.bytes.size(), GIT_OBJECT_BLOB) != 0) continue;
    blob.id = ToBlobId(id);
    if (skip && skip(blob.id)) continue;
    blob.provenance.origin = Origin::kCommit;
    blob.provenance.path = kCommitMessagePath;
    blob.provenance.commit = infos.Get(i, graph.nodes[i].id);
    if (!emit(std::move(blob))) return false;
  }
  return true;
}

}  // namespace leakhound::source
