// A node of the construct tree.
//
// Every construct has an id, a scope (its parent; none for the root App) and
// children in creation order. Its `path` joins the ids from below the root with
// "/", and its `addr` is the stable address cdk8s derives from that path:
// "c8" + hex SHA-1 of each id on the way from the root (the root's empty id
// included, ids named "Default" skipped), each followed by "\n".
//
// Ownership: a construct declared by the caller (on the stack, or anywhere the
// caller keeps it) only attaches itself to its scope. A construct created with
// `make<T>()` is owned by its scope and lives as long as the scope does. A
// caller-declared construct must not outlive its scope.
//
// Not thread-safe: build a tree from one thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cdk8s {

class Construct {
 public:
  // Attaches to `scope` under `id`. Throws std::invalid_argument when `id` is
  // empty or a sibling already has it. "/" and "\n" in ids become "--", as in
  // cdk8s, so one id never reads as two path components.
  Construct(Construct& scope, std::string_view id);
  virtual ~Construct();

  Construct(const Construct&) = delete;
  Construct& operator=(const Construct&) = delete;

  const std::string& id() const { return id_; }
  Construct* scope() const { return scope_; }
  const std::vector<Construct*>& children() const { return children_; }
  // Ids from below the root joined by "/"; empty for the root.
  const std::string& path() const { return path_; }
  // Computed once, on first use.
  const std::string& addr() const;
  // The ids from the root down to this construct, the root's empty id first.
  std::vector<std::string_view> scopeIds() const;

  // The child with this (unsanitised) id, or nullptr.
  Construct* tryFindChild(std::string_view id) const;
  // This construct and all below it, depth first, parents before children.
  std::vector<Construct*> findAll();

  // Orders synthesis: `target`'s API objects are written before this one's.
  void addDependency(Construct& target);
  const std::vector<Construct*>& dependencies() const { return dependencies_; }

  // Creates a child owned by this construct: `T(*this, args...)`.
  template <class T, class... Args>
  T& make(Args&&... args) {
    auto child = std::make_unique<T>(*this, std::forward<Args>(args)...);
    T& ref = *child;
    owned_.push_back(std::move(child));
    return ref;
  }

 protected:
  // The root of a tree.
  Construct();

 private:
  void detachChild(const Construct* child);

  std::string id_;
  Construct* scope_ = nullptr;
  std::string path_;
  mutable std::string addr_;
  std::vector<Construct*> children_;
  std::vector<Construct*> dependencies_;
  std::vector<std::unique_ptr<Construct>> owned_;
};

// The address cdk8s gives a construct with these ids (root's empty id first).
std::string addressOf(const std::vector<std::string_view>& ids);

}  // namespace cdk8s
