#include "termination_signals.hpp"

#include <pthread.h>
#include <signal.h>

#include <cstdlib>
#include <mutex>
#include <thread>

namespace mailu::cli {
namespace {

struct SignalState {
  std::mutex mutex;  // held while `batch` is set, cleared or abandoned
  cdk8s::FileBatch* batch = nullptr;
};

// Never destroyed: the signal thread may still use it while exit() runs the
// destructors of static objects.
SignalState& state() {
  static SignalState* const instance = new SignalState;
  return *instance;
}

sigset_t terminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

[[noreturn]] void waitForTermination(sigset_t set) {
  int signal = 0;
  while (sigwait(&set, &signal) != 0) {
  }
  // Holding the lock to the end: no batch can be set or cleared meanwhile,
  // and abandon() waits for a commit under way, so the run ends either with
  // every file replaced or none.
  state().mutex.lock();
  if (state().batch != nullptr) state().batch->abandon();
  std::_Exit(128 + signal);  // no destructors: other threads are still running
}

}  // namespace

void handleTerminationSignals() {
  const sigset_t set = terminationSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread(waitForTermination, set).detach();
}

AbandonOnSignal::AbandonOnSignal(cdk8s::FileBatch& batch) {
  const std::lock_guard lock(state().mutex);
  state().batch = &batch;
}

AbandonOnSignal::~AbandonOnSignal() {
  const std::lock_guard lock(state().mutex);
  state().batch = nullptr;
}

}  // namespace mailu::cli
