#include "cdk8s/js_number.hpp"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "cdk8s/size.hpp"

namespace cdk8s {
namespace {

TEST(JsNumber, WritesWhatJavaScriptWrites) {
  // Expected values are what node prints for String(x).
  EXPECT_EQ(formatJsNumber(0), "0");
  EXPECT_EQ(formatJsNumber(-0.0), "0");
  EXPECT_EQ(formatJsNumber(1), "1");
  EXPECT_EQ(formatJsNumber(-1), "-1");
  EXPECT_EQ(formatJsNumber(0.5), "0.5");
  EXPECT_EQ(formatJsNumber(0.1), "0.1");
  EXPECT_EQ(formatJsNumber(1.5), "1.5");
  EXPECT_EQ(formatJsNumber(2048), "2048");
  EXPECT_EQ(formatJsNumber(123456789012), "123456789012");
  EXPECT_EQ(formatJsNumber(1e21), "1e+21");
  EXPECT_EQ(formatJsNumber(1e20), "100000000000000000000");
  EXPECT_EQ(formatJsNumber(1e-7), "1e-7");
  EXPECT_EQ(formatJsNumber(0.000001), "0.000001");
  EXPECT_EQ(formatJsNumber(0.000095367431640625), "0.000095367431640625");
  EXPECT_EQ(formatJsNumber(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(formatJsNumber(5e-324), "5e-324");
  EXPECT_EQ(formatJsNumber(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(formatJsNumber(std::nan("")), "NaN");
}

TEST(Size, ConvertsBetweenBinaryUnits) {
  EXPECT_EQ(Size::gibibytes(1).toMebibytes(), 1024);
  EXPECT_EQ(Size::tebibytes(2).toGibibytes(), 2048);
  EXPECT_EQ(Size::mebibytes(512).toGibibytes(SizeRounding::kNone), 0.5);
  EXPECT_EQ(Size::gibibytes(1.5).toMebibytes(), 1536);
}

TEST(Size, RefusesFractionsUnlessAskedToKeepThem) {
  EXPECT_THROW(Size::kibibytes(100).toMebibytes(), std::invalid_argument);
  EXPECT_EQ(Size::kibibytes(1536).toMebibytes(SizeRounding::kFloor), 1);
}

}  // namespace
}  // namespace cdk8s
