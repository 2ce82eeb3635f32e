#include "cdk8s/construct.hpp"

#include <algorithm>
#include <stdexcept>

// The one-shot SHA-1 functions are deprecated in OpenSSL 3 in favour of EVP,
// but EVP loads its provider machinery on first use (about 2 MiB of resident
// memory, a third of what mailu-synth needs in all) and looks the digest up
// on every call. These compute the same digest without either.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

namespace cdk8s {
namespace {

std::string sanitizeId(std::string_view id) {
  std::string out;
  out.reserve(id.size());
  for (char c : id) {
    if (c == '/' || c == '\n') {
      out += "--";
    } else {
      out += c;
    }
  }
  return out;
}

// Excluded from addresses so a subtree can be wrapped in a "Default" scope
// without renaming anything.
constexpr std::string_view kHiddenId = "Default";

}  // namespace

std::string addressOf(const std::vector<std::string_view>& ids) {
  SHA_CTX ctx;
  SHA1_Init(&ctx);
  for (std::string_view id : ids) {
    if (id == kHiddenId) continue;
    SHA1_Update(&ctx, id.data(), id.size());
    SHA1_Update(&ctx, "\n", 1);
  }
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1_Final(digest, &ctx);
  constexpr unsigned int length = SHA_DIGEST_LENGTH;

  static constexpr char kHex[] = "0123456789abcdef";
  std::string addr = "c8";
  addr.reserve(2 + 2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    addr += kHex[digest[i] >> 4];
    addr += kHex[digest[i] & 0xf];
  }
  return addr;
}

Construct::Construct() = default;

Construct::Construct(Construct& scope, std::string_view id) : id_(sanitizeId(id)), scope_(&scope) {
  if (id_.empty()) {
    throw std::invalid_argument("Only root constructs may have an empty ID");
  }
  if (scope.tryFindChild(id_) != nullptr) {
    throw std::invalid_argument("There is already a Construct with name '" + id_ + "' in " +
                                (scope.path_.empty() ? std::string("the root") : "[" + scope.path_ + "]"));
  }
  path_ = scope.path_.empty() ? id_ : scope.path_ + "/" + id_;
  scope.children_.push_back(this);
}

Construct::~Construct() {
  // Owned children detach themselves from children_ as they go.
  while (!owned_.empty()) {
    owned_.pop_back();
  }
  for (Construct* child : children_) {
    child->scope_ = nullptr;
  }
  if (scope_ != nullptr) {
    scope_->detachChild(this);
  }
}

void Construct::detachChild(const Construct* child) {
  children_.erase(std::remove(children_.begin(), children_.end(), child), children_.end());
}

const std::string& Construct::addr() const {
  if (addr_.empty()) {
    addr_ = addressOf(scopeIds());
  }
  return addr_;
}

std::vector<std::string_view> Construct::scopeIds() const {
  std::vector<std::string_view> ids;
  for (const Construct* c = this; c != nullptr; c = c->scope_) {
    ids.push_back(c->id_);
  }
  std::reverse(ids.begin(), ids.end());
  return ids;
}

Construct* Construct::tryFindChild(std::string_view id) const {
  const std::string wanted = sanitizeId(id);
  for (Construct* child : children_) {
    if (child->id_ == wanted) return child;
  }
  return nullptr;
}

std::vector<Construct*> Construct::findAll() {
  std::vector<Construct*> out;
  std::vector<Construct*> stack{this};
  while (!stack.empty()) {
    Construct* c = stack.back();
    stack.pop_back();
    out.push_back(c);
    for (auto it = c->children_.rbegin(); it != c->children_.rend(); ++it) {
      stack.push_back(*it);
    }
  }
  return out;
}

void Construct::addDependency(Construct& target) {
  if (std::find(dependencies_.begin(), dependencies_.end(), &target) == dependencies_.end()) {
    dependencies_.push_back(&target);
  }
}

}  // namespace cdk8s
