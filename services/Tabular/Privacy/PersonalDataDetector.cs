using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Platform.Tabular.Privacy;

/// <summary>
/// Finds personal data in a cell, whole or inside free text (ADR 27). Patterns with a checksum are
/// checked (payment cards by Luhn, IBANs by ISO 7064 mod 97, IP addresses by parsing), the others
/// have shapes that amounts, codes and measurements do not: a phone number needs a leading + or 00,
/// or separators between digit groups, and is never a date or a decimal. Two kinds need the column:
/// a date is a date of birth in a column named for birth (or after "born" / "DOB" in free text), and
/// a value is a person's name when the column is named for names and the value is one to four
/// capitalised words. Person names come from the data itself (the header and the values' shape):
/// no names list is served here. One detector per column: it knows the column's name.
/// </summary>
public sealed partial class PersonalDataDetector(string columnName)
{
    private static readonly HashSet<string> NameWords = ["name", "surname", "firstname", "lastname", "forename", "fullname", "givenname", "familyname"];
    /// <summary>Names of things, not people: a product, a company, a file, a place, an account.</summary>
    private static readonly HashSet<string> ThingWords =
        ["product", "company", "file", "brand", "store", "shop", "host", "user", "username", "dataset", "model", "column", "state", "city", "street", "country", "item", "category"];

    private readonly bool _birthColumn = Words(columnName).Any(w => w is "birth" or "dob" or "born" or "birthday" or "birthdate" or "dateofbirth" or "geboortedatum");
    private readonly bool _nameColumn = Words(columnName) is var words && words.Any(NameWords.Contains) && !words.Any(ThingWords.Contains);

    /// <summary>A column name's words, lower case: split at anything not a letter and where camelCase turns upper.</summary>
    private static string[] Words(string name) =>
        CamelHump().Replace(name, "_").ToLowerInvariant().Split((char[])[.. name.Where(c => !char.IsLetter(c)).Distinct(), '_'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The personal data in <paramref name="value"/>, each span at most once, checksummed kinds first.</summary>
    public IReadOnlyList<PersonalDataMatch> Find(string value)
    {
        if (value.Length < 3) return [];
        List<PersonalDataMatch>? found = null;
        List<(int Start, int End)>? taken = null;

        void Add(string kind, int start, int length)
        {
            if (taken?.Any(t => start < t.End && t.Start < start + length) == true) return;
            (taken ??= []).Add((start, start + length));
            (found ??= []).Add(new PersonalDataMatch(kind, start, length));
        }

        if (value.Contains('@'))
            foreach (var m in Email().EnumerateMatches(value)) Add(PersonalDataKinds.Email, m.Index, m.Length);

        // Every other pattern but a name is digits close together: where the digits are decides,
        // before any costly search, which patterns can match at all (prose has few digits, apart).
        Span<int> buffer = stackalloc int[MaxDigitPositions];
        var digits = new DigitPositions(value, buffer);
        if (digits.Count >= 8)
        {
            if (digits.HasCountryCode(value))
                foreach (var m in Iban().EnumerateMatches(value))
                {
                    // An account number with a wrong check digit is still an account number, not a
                    // phone or a card: its span is taken either way, reported only when it checks.
                    if (IsIban(value.Substring(m.Index, m.Length))) Add(PersonalDataKinds.Iban, m.Index, m.Length);
                    else (taken ??= []).Add((m.Index, m.Index + m.Length));
                }
            // 13 digits, one separator at most between two.
            if (digits.Within(13, 24))
                foreach (var m in CardNumber().EnumerateMatches(value))
                    if (IsCardNumber(value.Substring(m.Index, m.Length))) Add(PersonalDataKinds.PaymentCard, m.Index, m.Length);
            // ddd-dd-dddd
            if (digits.Within(9, 10))
                foreach (var m in SocialSecurityNumber().EnumerateMatches(value)) Add(PersonalDataKinds.NationalId, m.Index, m.Length);
        }
        // dd dd dd
        if (digits.Within(6, 7))
            foreach (var m in NationalInsuranceNumber().EnumerateMatches(value)) Add(PersonalDataKinds.NationalId, m.Index, m.Length);
        if (digits.Count >= 4)
        {
            // An IPv4 address has three dots and four digits within seven characters ("1.2.3.4");
            // an amount or a measurement, the most common values here, has at most one dot.
            if (value.AsSpan().Count('.') >= 3 && digits.Within(4, 6))
                foreach (var m in IpV4().EnumerateMatches(value)) Add(PersonalDataKinds.IpAddress, m.Index, m.Length);
            if (HasColonGroup(value))
                foreach (var m in IpV6().EnumerateMatches(value))
                    if (IsIpV6(value.Substring(m.Index, m.Length))) Add(PersonalDataKinds.IpAddress, m.Index, m.Length);
            // A written date has at least six digits within ten characters ("1/2/1980", "1980-02-01").
            if (digits.Within(6, 9) && HasBirthWord(value))
                foreach (Match m in DateOfBirthInText().Matches(value))
                    Add(PersonalDataKinds.DateOfBirth, m.Groups["date"].Index, m.Groups["date"].Length);
            if (_birthColumn)
                foreach (var m in Date().EnumerateMatches(value))
                    if (IsPastDate(value.Substring(m.Index, m.Length))) Add(PersonalDataKinds.DateOfBirth, m.Index, m.Length);
        }
        // A phone number's match is at most 25 characters and IsPhone wants at least 8 digits in it.
        if (digits.Within(8, 24))
            foreach (var m in Phone().EnumerateMatches(value))
                if (IsPhone(value.Substring(m.Index, m.Length))) Add(PersonalDataKinds.Phone, m.Index, m.Length);

        if (_nameColumn && PersonName().IsMatch(value)) Add(PersonalDataKinds.PersonName, 0, value.Length);
        return found ?? (IReadOnlyList<PersonalDataMatch>)[];
    }

    /// <summary>Digit positions kept for the gates; a value with more digits runs every search (rare).</summary>
    private const int MaxDigitPositions = 256;

    /// <summary>
    /// Where a value's digits are, found by jumping from digit to digit with the vectorised search
    /// (a char-by-char loop was half the search's cost). Each gate is a condition every match of its
    /// pattern meets, so a gate that fails means no match, never a missed one.
    /// </summary>
    private readonly ref struct DigitPositions
    {
        private readonly Span<int> _positions;

        public DigitPositions(ReadOnlySpan<char> text, Span<int> buffer)
        {
            _positions = buffer;
            var offset = 0;
            for (var i = text.IndexOfAnyInRange('0', '9'); i >= 0; i = text[offset..].IndexOfAnyInRange('0', '9'))
            {
                if (Count < buffer.Length) buffer[Count] = offset + i;
                Count++;
                offset += i + 1;
            }
        }

        public int Count { get; }

        private bool Overflowed => Count > _positions.Length;

        /// <summary>Some <paramref name="digits"/> consecutive digits lie at most <paramref name="span"/> characters from first to last.</summary>
        public bool Within(int digits, int span)
        {
            if (Count < digits) return false;
            if (Overflowed) return true;
            for (var i = 0; i + digits - 1 < Count; i++)
                if (_positions[i + digits - 1] - _positions[i] <= span) return true;
            return false;
        }

        /// <summary>Two capital letters right before two digits: how an IBAN starts.</summary>
        public bool HasCountryCode(string text)
        {
            if (Overflowed) return true;
            for (var i = 0; i + 1 < Count; i++)
            {
                var p = _positions[i];
                if (p >= 2 && _positions[i + 1] == p + 1 && char.IsAsciiLetterUpper(text[p - 1]) && char.IsAsciiLetterUpper(text[p - 2])) return true;
            }
            return false;
        }
    }

    /// <summary>What <see cref="DateOfBirthInText"/> needs somewhere in the text: free text rarely has it, and the search is costly.</summary>
    private static readonly string[] BirthWords = ["born", "birth", "dob", "d.o", "do.b"];

    // A loop, not a lambda: a lambda capturing the value would cost Find an allocation on every call.
    private static bool HasBirthWord(string value)
    {
        foreach (var word in BirthWords)
            if (value.Contains(word, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>Two colons at most five characters apart: every IPv6 address has them, prose rarely does, and the search is costly.</summary>
    private static bool HasColonGroup(string value)
    {
        var previous = -10;
        for (var i = value.IndexOf(':'); i >= 0; i = value.IndexOf(':', i + 1))
        {
            if (i - previous <= 5) return true;
            previous = i;
        }
        return false;
    }

    /// <summary>13–19 digits, not all the same, not starting with 0 (no card network's prefix does; "00" starts an international phone number), passing Luhn's check.</summary>
    internal static bool IsCardNumber(string text)
    {
        var digits = text.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (digits.Length is < 13 or > 19 || digits[0] == 0 || digits.All(d => d == digits[0])) return false;
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }

    /// <summary>ISO 13616: letters to numbers after moving the first four characters to the end, mod 97 = 1.</summary>
    internal static bool IsIban(string text)
    {
        var compact = string.Concat(text.Where(c => c != ' ')).ToUpperInvariant();
        if (compact.Length is < 15 or > 34) return false;
        var rearranged = compact[4..] + compact[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            if (char.IsAsciiDigit(c)) remainder = (remainder * 10 + (c - '0')) % 97;
            else if (char.IsAsciiLetterUpper(c)) remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            else return false;
        }
        return remainder == 1;
    }

    /// <summary>Eight groups, or fewer with "::" and at least two groups written ("::" or "::1" alone is no one's address).</summary>
    private static bool IsIpV6(string text) =>
        (text.Count(c => c == ':') == 7 || (text.Contains("::", StringComparison.Ordinal) && text.Split(':').Count(g => g.Length > 0) >= 2))
        && IPAddress.TryParse(text, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

    /// <summary>
    /// 8–15 digits (E.164 allows 15) after a leading + or 00, or 9–15 grouped by spaces, dashes,
    /// dots or brackets; never a date, a decimal number or a plain run of digits (an id or an
    /// amount). Eight grouped digits without a country code are left: "2010-2011" is a range of years.
    /// </summary>
    private static bool IsPhone(string text)
    {
        var digits = text.Count(char.IsAsciiDigit);
        var international = text.StartsWith('+') || text.StartsWith("00", StringComparison.Ordinal);
        var grouped = text.Any(c => c is ' ' or '-' or '(' or ')' or '.');
        if (digits > 15 || digits < (international ? 8 : 9)) return false;
        if (!international && !grouped) return false;
        if (Date().IsMatch(text) || DecimalNumber().IsMatch(text)) return false;
        return true;
    }

    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy/MM/dd", "dd/MM/yyyy", "MM/dd/yyyy", "dd.MM.yyyy", "dd-MM-yyyy", "d/M/yyyy", "M/d/yyyy", "d.M.yyyy"];

    private static bool IsPastDate(string text) =>
        DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && date.Year >= 1900 && date <= DateTime.UtcNow;

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])")]
    private static partial Regex Iban();

    [GeneratedRegex(@"(?<!\w|\d[.,])\d(?:[ -]?\d){12,18}(?!\w|[.,]\d)")]
    private static partial Regex CardNumber();

    /// <summary>US social security numbers as written (area not 000, 666 or 9xx; group and serial not zero).</summary>
    [GeneratedRegex(@"(?<!\d)(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?!\d)")]
    private static partial Regex SocialSecurityNumber();

    /// <summary>UK National Insurance numbers (two prefix letters, six digits, a suffix A–D).</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])")]
    private static partial Regex NationalInsuranceNumber();

    [GeneratedRegex(@"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])")]
    private static partial Regex IpV4();

    [GeneratedRegex(@"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:])")]
    private static partial Regex IpV6();

    [GeneratedRegex(@"(?<![\w+])(?:\+|00)?\(?\d[\d ().-]{6,20}\d(?![\w])")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$|(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)|(?<!\d)\d{1,2}[/.]\d{1,2}[/.]\d{4}(?!\d)")]
    private static partial Regex Date();

    [GeneratedRegex(@"^-?\d+\.\d+$")]
    private static partial Regex DecimalNumber();

    [GeneratedRegex(@"(?i:\b(?:born(?: on)?|date of birth|d\.?o\.?b\.?)\s*:?\s*)(?<date>\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})")]
    private static partial Regex DateOfBirthInText();

    [GeneratedRegex("(?<=[a-z])(?=[A-Z])")]
    private static partial Regex CamelHump();

    /// <summary>One to four capitalised words of letters (apostrophes and hyphens inside), the shape of a person's name.</summary>
    [GeneratedRegex(@"^\p{Lu}[\p{L}'’-]*\.?(?: \p{Lu}[\p{L}'’-]*\.?){0,3}$")]
    private static partial Regex PersonName();
}
