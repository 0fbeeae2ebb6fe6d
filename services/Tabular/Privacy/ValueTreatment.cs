using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Platform.Contracts.Datasets;

namespace Platform.Tabular.Privacy;

/// <summary>
/// The treatments of one value, the same at ingestion (the treated dataset version) and at predict
/// (incoming rows), so a model sees at serving what it learned from. A missing value stays missing.
/// </summary>
public static class ValueTreatment
{
    /// <summary>Marks a pseudonym, so it is never mistaken for a raw value (and a test can find it).</summary>
    public const string PseudonymPrefix = "pn_";
    // 96 bits of the HMAC: a collision among even a billion distinct values is improbable (birthday bound ~2^-37).
    private const int PseudonymBytes = 12;
    private const int TextPrefix = 3;
    /// <summary>The width of a generalised number's band (ages 30–39 become 30).</summary>
    public const int NumberBand = 10;

    public static string? Apply(string action, string? value, ReadOnlySpan<byte> pseudonymKey) => action switch
    {
        _ when string.IsNullOrEmpty(value) => value,
        TreatmentActions.Pseudonymise => Pseudonymise(value, pseudonymKey),
        TreatmentActions.Generalise => Generalise(value),
        TreatmentActions.Mask => Mask(value),
        TreatmentActions.Keep => value,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "drop removes the column; it has no value treatment"),
    };

    /// <summary>HMAC-SHA256 of the trimmed value under the tenant's key, hex; the same value gives the same pseudonym in every column of the tenant.</summary>
    public static string Pseudonymise(string value, ReadOnlySpan<byte> key)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value.Trim()), mac);
        return PseudonymPrefix + Convert.ToHexStringLower(mac[..PseudonymBytes]);
    }

    /// <summary>The spans found by their patterns alone: a value of free text has no column name to go by.</summary>
    private static readonly PersonalDataDetector SpanDetector = new("");

    /// <summary>The value with each span of personal data in it replaced by its kind in brackets ("call [phone]").</summary>
    public static string Mask(string value)
    {
        var spans = SpanDetector.Find(value);
        if (spans.Count == 0) return value;
        var masked = new StringBuilder(value.Length);
        var at = 0;
        foreach (var span in spans.OrderBy(s => s.Start))
        {
            masked.Append(value, at, span.Start - at).Append('[').Append(span.Kind).Append(']');
            at = span.Start + span.Length;
        }
        return masked.Append(value, at, value.Length - at).ToString();
    }

    /// <summary>A number's band: what a generalised number is, in the data and at predict alike.</summary>
    public static double Band(double number) => Math.Floor(number / NumberBand) * NumberBand;

    /// <summary>The coarser part of a value, by its shape (an age's band, a birth date's year, an e-mail's domain, an IP's /16, a postcode's district).</summary>
    public static string Generalise(string value)
    {
        var trimmed = value.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            return Band(number).ToString(CultureInfo.InvariantCulture);
        if (DateOnly.TryParse(trimmed, CultureInfo.InvariantCulture, out var date) || TryParseIsoDate(trimmed, out date))
            return date.Year.ToString(CultureInfo.InvariantCulture);
        var at = trimmed.LastIndexOf('@');
        if (at > 0 && at < trimmed.Length - 1) return "*" + trimmed[at..].ToLowerInvariant();
        if (IPAddress.TryParse(trimmed, out var ip) && trimmed.Contains('.') && ip.AddressFamily == AddressFamily.InterNetwork)
        {
            var octets = ip.GetAddressBytes();
            return $"{octets[0]}.{octets[1]}.0.0/16";
        }
        return trimmed.Length <= TextPrefix ? trimmed : trimmed[..TextPrefix];
    }

    private static bool TryParseIsoDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value.Length >= 10 ? value[..10] : value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
