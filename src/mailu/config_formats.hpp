// The value formats a config may use, as predicates. The first four accept
// exactly what the TypeScript library's validators accept.
#pragma once

#include <string_view>

namespace mailu {

// /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i
bool isDomainName(std::string_view s);
// a.b.c.d/prefix, octets 0-255 (up to three digits), prefix 0-32
bool isIpv4Cidr(std::string_view s);
// /^\d+(?:\.\d+)?(?:Ki|Mi|Gi|Ti|Pi|Ei)$/
bool isSize(std::string_view s);
// /^(?:\d+m|\d+(?:\.\d+)?)$/
bool isCpu(std::string_view s);

// A size that is a whole number of mebibytes ("1.5Gi" is, "512Ki" is not).
bool isWholeMebibytes(std::string_view size);
// RFC 1123 label: namespaces.
bool isDns1123Label(std::string_view s);
// RFC 1123 subdomain: Secret and StorageClass names.
bool isDns1123Subdomain(std::string_view s);
// A key of a Secret's data: [-._a-zA-Z0-9]+
bool isSecretKey(std::string_view s);

}  // namespace mailu
