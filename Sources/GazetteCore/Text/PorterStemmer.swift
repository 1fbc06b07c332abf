/// The Porter stemming algorithm (M. F. Porter, 1980) for English words in lower-case ASCII:
/// "connected", "connecting" and "connections" all become "connect". Words with other
/// characters are returned unchanged.
public enum PorterStemmer {
    public static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        guard bytes.count > 2, bytes.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return word }
        var stemmer = Run(b: bytes)
        stemmer.run()
        bytes = Array(stemmer.b[0...stemmer.k])
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The algorithm's working state: the word `b[0...k]` and the end `j` of the stem tried.
    struct Run {
        var b: [UInt8]
        var k: Int
        var j = 0

        init(b: [UInt8]) {
            self.b = b
            self.k = b.count - 1
        }

        func isConsonant(_ i: Int) -> Bool {
            switch b[i] {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): return false
            case UInt8(ascii: "y"): return i == 0 ? true : !isConsonant(i - 1)
            default: return true
            }
        }

        /// The number of vowel-consonant sequences in `b[0...j]`.
        func measure() -> Int {
            var n = 0
            var i = 0
            while true {
                if i > j { return n }
                if !isConsonant(i) { break }
                i += 1
            }
            i += 1
            while true {
                while true {
                    if i > j { return n }
                    if isConsonant(i) { break }
                    i += 1
                }
                i += 1
                n += 1
                while true {
                    if i > j { return n }
                    if !isConsonant(i) { break }
                    i += 1
                }
                i += 1
            }
        }

        func vowelInStem() -> Bool {
            (0...max(0, j)).contains { j >= 0 && !isConsonant($0) }
        }

        func doubleConsonant(_ i: Int) -> Bool {
            i >= 1 && b[i] == b[i - 1] && isConsonant(i)
        }

        /// consonant-vowel-consonant, the last not w, x or y: "hop", not "snow".
        func cvc(_ i: Int) -> Bool {
            guard i >= 2, isConsonant(i), !isConsonant(i - 1), isConsonant(i - 2) else { return false }
            let c = b[i]
            return c != UInt8(ascii: "w") && c != UInt8(ascii: "x") && c != UInt8(ascii: "y")
        }

        mutating func ends(_ s: String) -> Bool {
            let suffix = Array(s.utf8)
            let length = suffix.count
            guard length <= k + 1 else { return false }
            if Array(b[(k - length + 1)...k]) != suffix { return false }
            j = k - length
            return true
        }

        mutating func setTo(_ s: String) {
            let replacement = Array(s.utf8)
            b.removeSubrange((j + 1)...)
            b.append(contentsOf: replacement)
            k = j + replacement.count
        }

        mutating func replace(_ s: String) {
            if measure() > 0 { setTo(s) }
        }

        mutating func run() {
            step1ab()
            if k > 0 {
                step1c()
                step2()
                step3()
                step4()
                step5()
            }
        }

        mutating func step1ab() {
            if b[k] == UInt8(ascii: "s") {
                if ends("sses") { k -= 2 } else if ends("ies") { setTo("i") } else if k >= 1 && b[k - 1] != UInt8(ascii: "s") { k -= 1 }
            }
            b.removeSubrange((k + 1)...)
            if ends("eed") {
                if measure() > 0 { k -= 1 }
            } else if (ends("ed") || ends("ing")) && vowelInStem() {
                k = j
                b.removeSubrange((k + 1)...)
                if ends("at") { setTo("ate") } else if ends("bl") { setTo("ble") } else if ends("iz") { setTo("ize") } else if doubleConsonant(k) {
                    let c = b[k]
                    if c != UInt8(ascii: "l") && c != UInt8(ascii: "s") && c != UInt8(ascii: "z") { k -= 1 }
                } else {
                    j = k
                    if measure() == 1 && cvc(k) { setTo("e") }
                }
            }
            b.removeSubrange((k + 1)...)
        }

        mutating func step1c() {
            if ends("y") && vowelInStem() { b[k] = UInt8(ascii: "i") }
        }

        mutating func step2() {
            guard k >= 1 else { return }
            let rules: [(String, String)]
            switch b[k - 1] {
            case UInt8(ascii: "a"): rules = [("ational", "ate"), ("tional", "tion")]
            case UInt8(ascii: "c"): rules = [("enci", "ence"), ("anci", "ance")]
            case UInt8(ascii: "e"): rules = [("izer", "ize")]
            case UInt8(ascii: "l"): rules = [("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous")]
            case UInt8(ascii: "o"): rules = [("ization", "ize"), ("ation", "ate"), ("ator", "ate")]
            case UInt8(ascii: "s"): rules = [("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous")]
            case UInt8(ascii: "t"): rules = [("aliti", "al"), ("iviti", "ive"), ("biliti", "ble")]
            case UInt8(ascii: "g"): rules = [("logi", "log")]
            default: return
            }
            for (suffix, replacement) in rules where ends(suffix) {
                replace(replacement)
                return
            }
        }

        mutating func step3() {
            let rules: [(String, String)] = [("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", "")]
            for (suffix, replacement) in rules where ends(suffix) {
                replace(replacement)
                return
            }
        }

        mutating func step4() {
            let suffixes = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize"]
            for suffix in suffixes where ends(suffix) {
                if suffix == "ion" {
                    guard j >= 0, b[j] == UInt8(ascii: "s") || b[j] == UInt8(ascii: "t") else { return }
                }
                if measure() > 1 {
                    k = j
                    b.removeSubrange((k + 1)...)
                }
                return
            }
        }

        mutating func step5() {
            j = k
            if b[k] == UInt8(ascii: "e") {
                let m = measure()
                if m > 1 || (m == 1 && !cvc(k - 1)) { k -= 1 }
            }
            // As in the reference implementation, the measure here is still of the word
            // before a final "e" was dropped.
            if b[k] == UInt8(ascii: "l") && doubleConsonant(k) && measure() > 1 { k -= 1 }
            b.removeSubrange((k + 1)...)
        }
    }
}
