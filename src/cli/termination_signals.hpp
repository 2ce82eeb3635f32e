// SIGINT, SIGTERM and SIGHUP stop mailu-synth cleanly: the temporary files
// of the run and the folders it created are removed, files already renamed
// into place stay as they are (each whole), and the process exits with
// 128 + the signal number.
//
// The signals are blocked in every thread and taken by one thread of their
// own with sigwait(), so the cleanup runs as ordinary code (locks, unlink)
// instead of in an asynchronous signal handler, where almost nothing is safe.
#pragma once

#include "cdk8s/file_output.hpp"

namespace mailu::cli {

// Blocks the three signals in the calling thread, and so in every thread it
// starts afterwards, and starts the thread that waits for them. Call at the
// top of main, before any other thread exists.
void handleTerminationSignals();

// While one exists, a termination signal abandons `batch` (see
// cdk8s::FileBatch::abandon) before the process exits. Destroy it before the
// batch.
class AbandonOnSignal {
 public:
  explicit AbandonOnSignal(cdk8s::FileBatch& batch);
  ~AbandonOnSignal();
  AbandonOnSignal(const AbandonOnSignal&) = delete;
  AbandonOnSignal& operator=(const AbandonOnSignal&) = delete;
};

}  // namespace mailu::cli
