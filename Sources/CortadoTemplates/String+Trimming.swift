extension String {
    /// The text without leading and trailing spaces (list parameters are split at commas and trimmed).
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
