import KlaxonModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Go 1.19's `math` package as Prometheus 2.42 (Debian's build, go1.19.8, linux/amd64) runs it, bit for bit.
///
/// PromQL's functions and operators call Go's own implementations, not the C library's, so `exp`, `ln`, `^` and
/// the trigonometric functions differ from Glibc in the last bit for some inputs. Each function here follows the
/// algorithm Go runs on amd64: the assembly versions of `Exp` (Shibata's method, with the FMA variant Go picks on
/// CPUs with AVX and FMA) and `Log` (FreeBSD's, without normalising subnormals), and the pure Go ports of the Cephes
/// and FreeBSD algorithms for the rest. Arithmetic is written in Go's evaluation order and never fused except where
/// Go's assembly fuses; `scripts/compare/go-math.py` checks the results against the real Prometheus.
///
/// Square root, `floor`, `ceil`, `abs` and `%` are exact in both Go and Swift, so they are not repeated here.
/// All functions are pure and thread-safe.
package enum GoMath {
    /// Whether `exp` takes the FMA path: Go's `useFMA`, the CPU has AVX and FMA and `GODEBUG` does not turn either
    /// off (`cpu.avx=off`, `cpu.fma=off`, `cpu.all=off`), read once from `/proc/cpuinfo` and the environment.
    package static let usesFMA: Bool = detectFMA()

    /// Go's `math.Exp` on amd64 (`exp_amd64.s`).
    package static func exp(_ x: Double) -> Double {
        exp(x, fused: usesFMA)
    }

    /// `exp` with the FMA path chosen by the caller (`fused` is Go's `useFMA`), for tests of both paths.
    package static func exp(_ x: Double, fused: Bool) -> Double {
        let bits = x.bitPattern
        if bits & ~signBit >= infinityBits {
            return bits == negativeInfinityBits ? 0 : x  // -Inf → 0; +Inf, NaN → x
        }
        if x > 7.09782712893384e+02 { return .infinity }
        let ln2Upper = 0.69314718055966295651160180568695068359375
        let ln2Lower = 0.28235290563031577122588448175013436025525412068e-12
        let k = convertToInt32(1.4426950408889634073599246810018920 * x)
        let kd = Double(k)
        // The Taylor coefficients 1/3!, ..., 1/8! of the asm table, in Horner order from the highest.
        let c3 = 1.6666666666666666667e-1
        let c4 = 4.1666666666666666667e-2
        let c5 = 8.3333333333333333333e-3
        let c6 = 1.3888888888888888889e-3
        let c7 = 1.9841269841269841270e-4
        let c8 = 2.4801587301587301587e-5
        var r: Double
        if fused {
            r = x.addingProduct(-kd, ln2Upper)
            r = r.addingProduct(-kd, ln2Lower)
            r *= 0.0625
            var p = c7.addingProduct(c8, r)
            p = c6.addingProduct(p, r)
            p = c5.addingProduct(p, r)
            p = c4.addingProduct(p, r)
            p = c3.addingProduct(p, r)
            p = 0.5.addingProduct(p, r)
            p = 1.0.addingProduct(p, r)
            r *= p
            for _ in 0..<3 { r *= r + 2.0 }
            r = 1.0.addingProduct(r, r + 2.0)
        } else {
            r = x - ln2Upper * kd
            r = r - ln2Lower * kd
            r *= 0.0625
            var p = c8 * r + c7
            p = p * r + c6
            p = p * r + c5
            p = p * r + c4
            p = p * r + c3
            p = p * r + 0.5
            p = p * r + 1.0
            r *= p
            for _ in 0..<4 { r *= r + 2.0 }
            r += 1.0
        }
        // r * 2**k, through a subnormal scale factor in two steps as the asm does.
        let biased = Int64(k) + 0x3FF
        if biased <= 0 {
            if biased < -52 { return 0 }
            r *= Double(bitPattern: UInt64(biased + 0x3FE) << 52)
            return r * Double(bitPattern: 1 << 52)
        }
        if biased >= 0x7FF { return .infinity }
        return r * Double(bitPattern: UInt64(biased) << 52)
    }

    /// Go's `math.Log` on amd64 (`log_amd64.s`). Subnormal inputs take the raw mantissa as the asm does.
    package static func log(_ x: Double) -> Double {
        let bits = x.bitPattern
        if bits & ~signBit == 0 { return -.infinity }
        if Int64(bitPattern: bits) < 0 { return .nan }
        if bits >= infinityBits { return x }
        var f1 = Double(bitPattern: (bits & mantissaMask) | 0x3FE0_0000_0000_0000)
        var k = Double(Int64((bits >> 52) & 0x7FF) - 0x3FE)
        // CMPSD's not-less-than: also taken when f1 equals the constant.
        if !(7.07106781186547524401e-01 < f1) {
            k -= 1
            f1 *= 2
        }
        let f = f1 - 1
        let s = f / (2 + f)
        let s2 = s * s
        let s4 = s2 * s2
        var odd = 1.479819860511658591e-01 * s4 + 1.818357216161805012e-01
        odd = odd * s4 + 2.857142874366239149e-01
        odd = odd * s4 + 6.666666666666735130e-01
        var even = 1.531383769920937332e-01 * s4 + 2.222219843214978396e-01
        even = even * s4 + 3.999999999940941908e-01
        let r = s2 * odd + s4 * even
        let hfsq = 0.5 * f * f
        let sum = s * (hfsq + r) + k * 1.90821492927058770002e-10
        return k * 6.93147180369123816490e-01 - ((hfsq - sum) - f)
    }

    /// Go's `math.Log2`: the exponent from `frexp` plus the fraction's `log` over ln 2.
    package static func log2(_ x: Double) -> Double {
        let (frac, exp) = frexp(x)
        if frac == 0.5 { return Double(exp - 1) }
        return log(frac) * oneOverLn2 + Double(exp)
    }

    /// Go's `math.Log10`: `log(x)` times 1/ln 10.
    package static func log10(_ x: Double) -> Double {
        log(x) * 0x1.bcb7b1526e50ep-2
    }

    /// Go's `math.Pow`, special cases included (`pow(x, ±0) = 1` for any x, `pow(1, y) = 1` for any y).
    package static func pow(_ x: Double, _ y: Double) -> Double {
        if y == 0 || x == 1 { return 1 }
        if y == 1 { return x }
        if x.isNaN || y.isNaN { return .nan }
        if x == 0 {
            if y < 0 { return isOddInteger(y) ? Double(signOf: x, magnitudeOf: .infinity) : .infinity }
            return isOddInteger(y) ? x : 0
        }
        if y.isInfinite {
            if x == -1 { return 1 }
            return (Swift.abs(x) < 1) == (y > 0) ? 0 : .infinity
        }
        if x.isInfinite {
            if x < 0 { return pow(1 / x, -y) }  // pow(-0, -y)
            return y < 0 ? 0 : .infinity
        }
        if y == 0.5 { return x.squareRoot() }
        if y == -0.5 { return 1 / x.squareRoot() }

        var (yi, yf) = modf(Swift.abs(y))
        if yf != 0 && x < 0 { return .nan }
        if yi >= 0x1p63 {
            // yi is an even integer: the result is 1, 0 or +Inf.
            if x == -1 { return 1 }
            return (Swift.abs(x) < 1) == (y > 0) ? 0 : .infinity
        }
        // ans = a1 * 2**ae.
        var a1 = 1.0
        var ae = 0
        if yf != 0 {
            if yf > 0.5 {
                yf -= 1
                yi += 1
            }
            a1 = exp(yf * log(x))
        }
        // The integer part by repeated squaring, the exponent kept apart to avoid overflow.
        var (x1, xe) = frexp(x)
        var i = Int64(yi)
        while i != 0 {
            if xe < -(1 << 12) || (1 << 12) < xe {
                // Catastrophic overflow or underflow: the final ldexp saturates.
                ae += xe
                break
            }
            if i & 1 == 1 {
                a1 *= x1
                ae += xe
            }
            x1 *= x1
            xe <<= 1
            if x1 < 0.5 {
                x1 += x1
                xe -= 1
            }
            i >>= 1
        }
        if y < 0 {
            a1 = 1 / a1
            ae = -ae
        }
        return ldexp(a1, ae)
    }

    // MARK: - Helpers shared by the files of GoMath

    static let signBit: UInt64 = 1 << 63
    static let infinityBits: UInt64 = 0x7FF0_0000_0000_0000
    static let negativeInfinityBits: UInt64 = 0xFFF0_0000_0000_0000
    static let mantissaMask: UInt64 = (1 << 52) - 1
    /// Go's `1 / Ln2`, folded exactly by the compiler.
    static let oneOverLn2 = 0x1.71547652b82fep0

    /// CVTSD2SL: rounds to nearest even; Int32.min ("integer indefinite") when the result does not fit.
    private static func convertToInt32(_ v: Double) -> Int32 {
        let rounded = v.rounded(.toNearestOrEven)
        guard rounded >= -0x1p31 && rounded < 0x1p31 else { return .min }
        return Int32(rounded)
    }

    /// Go's `int64(v)` on amd64 (CVTTSD2SQ): truncates; Int64.min when out of range or NaN.
    static func truncateToInt64(_ v: Double) -> Int64 {
        guard v > -0x1.0000000000001p63 && v < 0x1p63 else { return .min }
        return Int64(v)
    }

    /// A subnormal scaled up to a normal number, with the exponent that undoes it (Go's `normalize`).
    private static func normalize(_ x: Double) -> (Double, Int) {
        if Swift.abs(x) < Double.leastNormalMagnitude { return (x * 0x1p52, -52) }
        return (x, 0)
    }

    /// Go's `math.Frexp`: x = frac × 2**exp with |frac| in [0.5, 1); ±0, ±Inf and NaN come back with exp 0.
    static func frexp(_ f: Double) -> (frac: Double, exp: Int) {
        if f == 0 || f.isInfinite || f.isNaN { return (f, 0) }
        let (g, e) = normalize(f)
        var bits = g.bitPattern
        let exp = e + Int((bits >> 52) & 0x7FF) - 1023 + 1
        bits &= ~(UInt64(0x7FF) << 52)
        bits |= UInt64(1022) << 52
        return (Double(bitPattern: bits), exp)
    }

    /// Go's `math.Ldexp`: frac × 2**exp, with one rounding for a subnormal result.
    static func ldexp(_ frac: Double, _ exp: Int) -> Double {
        if frac == 0 || frac.isInfinite || frac.isNaN { return frac }
        let (g, e) = normalize(frac)
        var bits = g.bitPattern
        var exp = exp + e + Int((bits >> 52) & 0x7FF) - 1023
        if exp < -1075 { return Double(signOf: g, magnitudeOf: 0) }
        if exp > 1023 { return g < 0 ? -.infinity : .infinity }
        var m = 1.0
        if exp < -1022 {
            exp += 53
            m = 0x1p-53
        }
        bits &= ~(UInt64(0x7FF) << 52)
        bits |= UInt64(exp + 1023) << 52
        return m * Double(bitPattern: bits)
    }

    /// Go's `math.Modf`: the integer part (truncated towards zero) and the fraction, both with f's sign.
    static func modf(_ f: Double) -> (int: Double, frac: Double) {
        if f < 1 {
            if f < 0 {
                let (i, fr) = modf(-f)
                return (-i, -fr)
            }
            if f == 0 { return (f, f) }
            return (0, f)
        }
        var bits = f.bitPattern
        let e = (bits >> 52) & 0x7FF - 1023
        if e < 64 - 12 { bits &= ~((1 << (64 - 12 - e)) - 1) }
        let i = Double(bitPattern: bits)
        return (i, f - i)
    }

    /// Go's `isOddInt`.
    private static func isOddInteger(_ x: Double) -> Bool {
        let (xi, xf) = modf(x)
        return xf == 0 && truncateToInt64(xi) & 1 == 1
    }

    private static func detectFMA() -> Bool {
        #if arch(x86_64) && os(Linux)
        guard case .success(let text) = readTextFile("/proc/cpuinfo") else { return false }
        let flagsLine = text.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        var avx = flags.contains("avx")
        var fma = flags.contains("fma")
        if let raw = getenv("GODEBUG") {
            // Go's internal/cpu: later fields win; "on" cannot enable what the CPU lacks.
            for field in String(cString: raw).split(separator: ",") where field.hasPrefix("cpu.") {
                let parts = field.dropFirst(4).split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[1] == "off" || parts[1] == "on" else { continue }
                let on = parts[1] == "on"
                if parts[0] == "avx" || parts[0] == "all" { avx = on && flags.contains("avx") }
                if parts[0] == "fma" || parts[0] == "all" { fma = on && flags.contains("fma") }
            }
        }
        return avx && fma
        #else
        return false
        #endif
    }
}
