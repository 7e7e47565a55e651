/// Go 1.19's circular functions (the Cephes algorithms Go ported, with Payne–Hanek reduction for |x| ≥ 2**29).
extension GoMath {
    /// Go's `math.Sin`.
    package static func sin(_ x: Double) -> Double {
        if x == 0 || x.isNaN { return x }
        if x.isInfinite { return .nan }
        var negative = x < 0
        var (j, z) = reduce(Swift.abs(x))
        j &= 7
        if j > 3 {
            negative.toggle()
            j -= 4
        }
        let y = j == 1 || j == 2 ? cosPolynomial(z) : sinPolynomial(z)
        return negative ? -y : y
    }

    /// Go's `math.Cos`.
    package static func cos(_ x: Double) -> Double {
        if x.isNaN || x.isInfinite { return .nan }
        var negative = false
        var (j, z) = reduce(Swift.abs(x))
        j &= 7
        if j > 3 {
            j -= 4
            negative.toggle()
        }
        if j > 1 { negative.toggle() }
        let y = j == 1 || j == 2 ? sinPolynomial(z) : cosPolynomial(z)
        return negative ? -y : y
    }

    /// Go's `math.Tan`.
    package static func tan(_ x: Double) -> Double {
        if x == 0 || x.isNaN { return x }
        if x.isInfinite { return .nan }
        let (j, z) = reduce(Swift.abs(x))
        let zz = z * z
        var y = z
        if zz > 1e-14 {
            let p = (-1.30936939181383777646e4 * zz + 1.15351664838587416140e6) * zz - 1.79565251976484877988e7
            let q =
                (((zz + 1.36812963470692954678e4) * zz - 1.32089234440210967447e6) * zz
                    + 2.50083801823357915839e7) * zz - 5.38695755929454629881e7
            y = z + z * (zz * p / q)
        }
        if j & 2 == 2 { y = -1 / y }
        return x < 0 ? -y : y
    }

    /// Go's `math.Asin`.
    package static func asin(_ x: Double) -> Double {
        if x == 0 { return x }
        let a = Swift.abs(x)
        if a > 1 { return .nan }
        var t = (1 - a * a).squareRoot()
        t = a > 0.7 ? piOver2 - reducedAtan(t / a) : reducedAtan(a / t)
        return x < 0 ? -t : t
    }

    /// Go's `math.Acos`: π/2 − asin(x).
    package static func acos(_ x: Double) -> Double {
        piOver2 - asin(x)
    }

    /// Go's `math.Atan`.
    package static func atan(_ x: Double) -> Double {
        if x == 0 { return x }
        return x > 0 ? reducedAtan(x) : -reducedAtan(-x)
    }

    /// Go's `math.Atan2` (PromQL's `atan2` operator: `y atan2 x`).
    package static func atan2(_ y: Double, _ x: Double) -> Double {
        if y.isNaN || x.isNaN { return .nan }
        if y == 0 {
            if x >= 0 && x.sign == .plus { return Double(signOf: y, magnitudeOf: 0) }
            return Double(signOf: y, magnitudeOf: .pi)
        }
        if x == 0 { return Double(signOf: y, magnitudeOf: piOver2) }
        if x.isInfinite {
            if x > 0 {
                return y.isInfinite ? Double(signOf: y, magnitudeOf: piOver4) : Double(signOf: y, magnitudeOf: 0)
            }
            return y.isInfinite ? Double(signOf: y, magnitudeOf: threePiOver4) : Double(signOf: y, magnitudeOf: .pi)
        }
        if y.isInfinite { return Double(signOf: y, magnitudeOf: piOver2) }
        let q = atan(y / x)
        if x < 0 { return q <= 0 ? q + Double.pi : q - Double.pi }
        return q
    }

    // MARK: - Internals

    static let piOver2 = 0x1.921fb54442d18p0
    static let piOver4 = 0x1.921fb54442d18p-1
    /// Go's constant `3*Pi/4`, rounded once (not `3 * Double.pi / 4`).
    static let threePiOver4 = 0x1.2d97c7f3321d2p1

    /// The octant j and the reduced argument z of a non-negative finite x, as Go's sin, cos and tan compute them
    /// (j is not taken modulo 8 here; tan does not).
    private static func reduce(_ x: Double) -> (j: UInt64, z: Double) {
        if x >= 0x1p29 { return payneHanek(x) }
        // π/4 in three parts for Cody–Waite reduction.
        let pi4a = 7.85398125648498535156e-1
        let pi4b = 3.77489470793079817668e-8
        let pi4c = 2.69515142907905952645e-15
        var j = UInt64(x * 0x1.45f306dc9c883p0)  // x / (π/4), Go's constant 4/Pi
        var y = Double(j)
        if j & 1 == 1 {
            j += 1
            y += 1
        }
        return (j, ((x - y * pi4a) - y * pi4b) - y * pi4c)
    }

    private static func sinPolynomial(_ z: Double) -> Double {
        let zz = z * z
        let p =
            ((((1.58962301576546568060e-10 * zz - 2.50507477628578072866e-8) * zz + 2.75573136213857245213e-6) * zz
                - 1.98412698295895385996e-4) * zz + 8.33333333332211858878e-3) * zz - 1.66666666666666307295e-1
        return z + z * zz * p
    }

    private static func cosPolynomial(_ z: Double) -> Double {
        let zz = z * z
        let p =
            ((((-1.13585365213876817300e-11 * zz + 2.08757008419747316778e-9) * zz - 2.75573141792967388112e-7) * zz
                + 2.48015872888517045348e-5) * zz - 1.38888888888730564116e-3) * zz + 4.16666666666665929218e-2
        return 1.0 - 0.5 * zz + zz * zz * p
    }

    /// Payne–Hanek reduction of x ≥ 2**29 by the bits of 4/π (Go's `trigReduce`).
    private static func payneHanek(_ x: Double) -> (j: UInt64, z: Double) {
        var ix = x.bitPattern
        let exp = Int((ix >> 52) & 0x7FF) - 1023 - 52
        ix &= ~(UInt64(0x7FF) << 52)
        ix |= 1 << 52
        let digit = (exp + 61) / 64
        let shift = UInt64((exp + 61) % 64)
        let z0 = (fourOverPi[digit] << shift) | shiftRight(fourOverPi[digit + 1], 64 - shift)
        let z1 = (fourOverPi[digit + 1] << shift) | shiftRight(fourOverPi[digit + 2], 64 - shift)
        let z2 = (fourOverPi[digit + 2] << shift) | shiftRight(fourOverPi[digit + 3], 64 - shift)
        let z2hi = z2.multipliedFullWidth(by: ix).high
        let (z1hi, z1lo) = z1.multipliedFullWidth(by: ix)
        let z0lo = z0 &* ix
        let (lo, carry) = z1lo.addingReportingOverflow(z2hi)
        var hi = z0lo &+ z1hi &+ (carry ? 1 : 0)
        var j = hi >> 61
        hi = hi << 3 | lo >> 61
        let lz = UInt64(hi.leadingZeroBitCount)
        let e = UInt64(1023) &- (lz + 1)
        hi = shiftLeft(hi, lz + 1) | shiftRight(lo, 64 &- (lz + 1))
        hi >>= 64 - 52
        hi |= e << 52
        var z = Double(bitPattern: hi)
        if j & 1 == 1 {
            j = (j + 1) & 7
            z -= 1
        }
        return (j, z * piOver4)
    }

    /// Go's shift semantics: a count of 64 or more gives 0.
    private static func shiftRight(_ v: UInt64, _ n: UInt64) -> UInt64 { n >= 64 ? 0 : v >> n }
    private static func shiftLeft(_ v: UInt64, _ n: UInt64) -> UInt64 { n >= 64 ? 0 : v << n }

    /// 4/π in binary, 1,216 bits (after the leading 1 word), as Go's `mPi4`.
    private static let fourOverPi: [UInt64] = [
        0x0000_0000_0000_0001, 0x45F3_06DC_9C88_2A53, 0xF84E_AFA3_EA69_BB81, 0xB6C5_2B32_7887_2083,
        0xFCA2_C757_BD77_8AC3, 0x6E48_DC74_849B_A5C0, 0x0C92_5DD4_13A3_2439, 0xFC3B_D639_6253_4E7D,
        0xD104_6BEA_5D76_8909, 0xD338_E04D_68BE_FC82, 0x7323_AC73_06A6_73E9, 0x3908_BF17_7BF2_5076,
        0x3FF1_2FFF_BC0B_301F, 0xDE5E_2316_B414_DA3E, 0xDA6C_FD9E_4F96_136E, 0x9E8C_7ECD_3CBF_D45A,
        0xEA4F_758F_D7CB_E2F6, 0x7A0E_73EF_14A5_25D4, 0xD7F6_BF62_3F1A_BA10, 0xAC06_608D_F8F6_D757,
    ]

    /// Cephes' atan on [0, 0.66] (Go's `xatan`).
    private static func kernelAtan(_ x: Double) -> Double {
        var z = x * x
        let p =
            (((-8.750608600031904122785e-01 * z - 1.615753718733365076637e+01) * z - 7.500855792314704667340e+01)
                * z - 1.228866684490136173410e+02) * z - 6.485021904942025371773e+01
        let q =
            ((((z + 2.485846490142306297962e+01) * z + 1.650270098316988542046e+02) * z
                + 4.328810604912902668951e+02) * z + 4.853903996359136964868e+02) * z + 1.945506571482613964425e+02
        z = z * p / q
        return x * z + x
    }

    /// atan of a non-negative x, reduced to [0, 0.66] (Go's `satan`).
    private static func reducedAtan(_ x: Double) -> Double {
        let moreBits = 6.123233995736765886130e-17  // π/2 = piOver2 + moreBits
        if x <= 0.66 { return kernelAtan(x) }
        if x > 2.41421356237309504880 { return piOver2 - kernelAtan(1 / x) + moreBits }
        return piOver4 + kernelAtan((x - 1) / (x + 1)) + 0x1.1a62633145c07p-55  // + 0.5 * moreBits
    }
}
