namespace Platform.Tabular.Privacy;

/// <summary>
/// How a finding is shown: enough of its shape to recognise what was found, not enough to identify
/// anyone. Digits and letters are starred except what the kind's convention leaves (a card's last
/// four, as on receipts; a phone number's last two; an e-mail's first letter and top-level domain; an IP address's first two
/// octets); separators stay.
/// </summary>
public static class PersonalDataMask
{
    public static string Mask(string kind, string text) => kind switch
    {
        PersonalDataKinds.Email => MaskEmail(text),
        PersonalDataKinds.PaymentCard => KeepLast(text, 4),
        PersonalDataKinds.Phone => KeepLast(text, 2),
        PersonalDataKinds.IpAddress when text.Contains('.') => string.Join('.', text.Split('.').Select((part, i) => i < 2 ? part : "*")),
        PersonalDataKinds.PersonName => string.Join(' ', text.Split(' ').Select(word => word.Length == 0 ? word : word[0] + new string('*', Math.Max(2, word.Length - 1)))),
        _ => KeepLast(text, 0),
    };

    private static string MaskEmail(string text)
    {
        var at = text.IndexOf('@');
        var dot = text.LastIndexOf('.');
        return text[0] + "***@***" + (dot > at ? text[dot..] : "");
    }

    /// <summary>Stars every letter and digit but the last <paramref name="keep"/> of them.</summary>
    private static string KeepLast(string text, int keep)
    {
        var chars = text.ToCharArray();
        var seen = 0;
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            if (!char.IsLetterOrDigit(chars[i])) continue;
            if (seen++ >= keep) chars[i] = '*';
        }
        return new string(chars);
    }
}
