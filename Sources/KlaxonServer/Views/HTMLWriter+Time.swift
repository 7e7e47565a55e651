import KlaxonModel

extension HTMLWriter {
    /// Appends a UTC time to the second: `2026-11-25 10:48:30 UTC`, or with `iso` the `datetime` attribute form
    /// `2026-11-25T10:48:30Z`. Milliseconds are dropped (floored, also before 1970).
    mutating func clock(_ t: Timestamp, iso: Bool = false) {
        var days = t / Time.day
        var msOfDay = t % Time.day
        if msOfDay < 0 {
            msOfDay += Time.day
            days -= 1
        }
        let (year, month, day) = Time.civilDate(fromDays: days)
        let seconds = msOfDay / 1000
        digits(year, 4)
        byte(0x2D)  // -
        digits(month, 2)
        byte(0x2D)
        digits(day, 2)
        byte(iso ? 0x54 : 0x20)  // T or space
        digits(seconds / 3600, 2)
        byte(0x3A)  // :
        digits(seconds / 60 % 60, 2)
        byte(0x3A)
        digits(seconds % 60, 2)
        if iso { byte(0x5A) } else { raw(" UTC") }  // Z
    }

    /// Appends how long ago `ms` milliseconds is, in at most two units: `0s ago`, `12s ago`, `3m 5s ago`,
    /// `2h 1m ago`, `4d 3h ago`; a negative age (clock skew) reads `in 5s`.
    mutating func age(_ ms: Int64) {
        let total = ms.magnitude / 1000
        if ms < 0 { raw("in ") }
        let sizes: (UInt64, UInt64, UInt64, UInt64) = (86_400, 3600, 60, 1)
        let major: Int =
            total >= sizes.0 ? 0 : total >= sizes.1 ? 1 : total >= sizes.2 ? 2 : 3
        func size(_ i: Int) -> UInt64 { i == 0 ? sizes.0 : i == 1 ? sizes.1 : i == 2 ? sizes.2 : sizes.3 }
        func suffix(_ i: Int) -> UInt8 { i == 0 ? 0x64 : i == 1 ? 0x68 : i == 2 ? 0x6D : 0x73 }  // d h m s
        uint(total / size(major))
        byte(suffix(major))
        if major < 3 {
            let minor = total % size(major) / size(major + 1)
            if minor > 0 {
                byte(0x20)
                uint(minor)
                byte(suffix(major + 1))
            }
        }
        if ms >= 0 { raw(" ago") }
    }

    /// `value` zero-padded to `width` digits (a negative year gets a leading `-`).
    private mutating func digits(_ value: Int64, _ width: Int) {
        if value < 0 { byte(0x2D) }
        let magnitude = value.magnitude
        var divisor: UInt64 = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 1 && magnitude < divisor {
            byte(0x30)
            divisor /= 10
        }
        uint(magnitude)
    }
}
