/// Go 1.19's hyperbolic functions and their inverses (Cephes and FreeBSD algorithms over Go's `exp`, `log`, `log1p`).
extension GoMath {
    /// Go's `math.Sinh`.
    package static func sinh(_ x: Double) -> Double {
        let a = x < 0 ? -x : x  // not abs: -0 stays -0, as in Go
        var t: Double
        if a > 21 {
            t = exp(a) * 0.5
        } else if a > 0.5 {
            let ex = exp(a)
            t = (ex - 1 / ex) * 0.5
        } else {
            let sq = a * a
            var p = -0.2630563213397497062819489e+2 * sq - 0.2894211355989563807284660366e+4
            p = p * sq - 0.8991272022039509355398013511e+5
            p = p * sq - 0.6307673640497716991184787251e+6
            var q = sq - 0.173678953558233699533450911e+3
            q = q * sq + 0.1521517378790019070696485176e+5
            q = q * sq - 0.6307673640497716991212077277e+6
            t = p * a / q
        }
        return x < 0 ? -t : t
    }

    /// Go's `math.Cosh`.
    package static func cosh(_ x: Double) -> Double {
        let a = Swift.abs(x)
        if a > 21 { return exp(a) * 0.5 }
        let ex = exp(a)
        return (ex + 1 / ex) * 0.5
    }

    /// Go's `math.Tanh`.
    package static func tanh(_ x: Double) -> Double {
        let a = Swift.abs(x)
        if a > 0.5 * 8.8029691931113054295988e+01 { return x < 0 ? -1 : 1 }  // log(2**127) / 2
        if a >= 0.625 {
            let s = exp(2 * a)
            let z = 1 - 2 / (s + 1)
            return x < 0 ? -z : z
        }
        if x == 0 { return x }
        let s = x * x
        let p = (-9.64399179425052238628e-1 * s - 9.92877231001918586564e1) * s - 1.61468768441708447952e3
        let q = ((s + 1.12811678491632931402e2) * s + 2.23548839060100448583e3) * s + 4.84406305325125486048e3
        return x + x * s * p / q
    }

    /// Go's `math.Asinh`.
    package static func asinh(_ x: Double) -> Double {
        if x.isNaN || x.isInfinite { return x }
        let a = x < 0 ? -x : x  // -0 stays -0
        let t: Double
        if a > 0x1p28 {
            t = log(a) + 6.93147180559945286227e-01
        } else if a > 2 {
            t = log(2 * a + 1 / ((a * a + 1).squareRoot() + a))
        } else if a < 0x1p-28 {
            t = a
        } else {
            t = log1p(a + a * a / (1 + (1 + a * a).squareRoot()))
        }
        return x < 0 ? -t : t
    }

    /// Go's `math.Acosh`.
    package static func acosh(_ x: Double) -> Double {
        if x < 1 || x.isNaN { return .nan }
        if x == 1 { return 0 }
        if x >= 0x1p28 { return log(x) + 0x1.62e42fefa39efp-1 }  // Go's Ln2
        if x > 2 { return log(2 * x - 1 / (x + (x * x - 1).squareRoot())) }
        let t = x - 1
        return log1p(t + (2 * t + t * t).squareRoot())
    }

    /// Go's `math.Atanh`.
    package static func atanh(_ x: Double) -> Double {
        if x < -1 || x > 1 || x.isNaN { return .nan }
        if x == 1 { return .infinity }
        if x == -1 { return -.infinity }
        let a = x < 0 ? -x : x  // -0 stays -0
        var t: Double
        if a < 0x1p-28 {
            t = a
        } else if a < 0.5 {
            t = a + a
            t = 0.5 * log1p(t + t * a / (1 - a))
        } else {
            t = 0.5 * log1p((a + a) / (1 - a))
        }
        return x < 0 ? -t : t
    }

    /// Go's `math.Log1p` (FreeBSD's `s_log1p.c`).
    static func log1p(_ x: Double) -> Double {
        let ln2Hi = 6.93147180369123816490e-01
        let ln2Lo = 1.90821492927058770002e-10
        if x < -1 || x.isNaN { return .nan }
        if x == -1 { return -.infinity }
        if x == .infinity { return .infinity }
        let a = Swift.abs(x)
        var f = 0.0
        var iu: UInt64 = 0
        var k = 1
        if a < 4.142135623730950488017e-01 {  // √2 − 1
            if a < 0x1p-29 {
                if a < 0x1p-54 { return x }
                return x - x * x * 0.5
            }
            if x > -2.928932188134524755992e-01 {  // √2/2 − 1
                k = 0
                f = x
                iu = 1
            }
        }
        var c = 0.0
        if k != 0 {
            var u: Double
            if a < 0x1p53 {
                u = 1.0 + x
                iu = u.bitPattern
                k = Int(Int64(bitPattern: (iu >> 52) &- 1023))
                c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0)
                c /= u
            } else {
                u = x
                iu = u.bitPattern
                k = Int(Int64(bitPattern: (iu >> 52) &- 1023))
                c = 0
            }
            iu &= mantissaMask
            if iu < 0x0006_A09E_667F_3BCD {  // the mantissa of √2
                u = Double(bitPattern: iu | 0x3FF0_0000_0000_0000)
            } else {
                k += 1
                u = Double(bitPattern: iu | 0x3FE0_0000_0000_0000)
                iu = (0x0010_0000_0000_0000 - iu) >> 2
            }
            f = u - 1.0
        }
        let hfsq = 0.5 * f * f
        let dk = Double(k)
        if iu == 0 {
            if f == 0 {
                if k == 0 { return 0 }
                c += dk * ln2Lo
                return dk * ln2Hi + c
            }
            let r = hfsq * (1.0 - 0.66666666666666666 * f)
            if k == 0 { return f - r }
            return dk * ln2Hi - ((r - (dk * ln2Lo + c)) - f)
        }
        let s = f / (2.0 + f)
        let z = s * s
        var w = 1.531383769920937332e-01 + z * 1.479819860511658591e-01
        w = 1.818357216161805012e-01 + z * w
        w = 2.222219843214978396e-01 + z * w
        w = 2.857142874366239149e-01 + z * w
        w = 3.999999999940941908e-01 + z * w
        w = 6.666666666666735130e-01 + z * w
        let r = z * w
        if k == 0 { return f - (hfsq - s * (hfsq + r)) }
        return dk * ln2Hi - ((hfsq - (s * (hfsq + r) + (dk * ln2Lo + c))) - f)
    }
}
