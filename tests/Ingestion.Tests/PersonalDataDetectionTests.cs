using System.Numerics;
using System.Text;
using Platform.Contracts.Solutions;
using Platform.Tabular;
using Platform.Tabular.Privacy;
using Xunit.Abstractions;

namespace Platform.Ingestion.Tests;

/// <summary>
/// Personal data detection (issue 21, item 1; ADR 27) on a generated corpus whose every planted
/// value is known: each pattern kind's precision and recall, whole cells and inside free text, among
/// near misses that must not be taken (Luhn-failing card numbers, IBANs with a wrong check, amounts,
/// decimals, dates outside a birth column, ids, versions, times). Then the real samples: no finding
/// in any of their columns, none of which holds personal data.
/// </summary>
public class PersonalDataDetectionTests(ITestOutputHelper output)
{
    private const int PerKind = 200;

    [Fact]
    public void Every_pattern_kind_is_found_with_precision_and_recall_of_at_least_095()
    {
        var random = new Random(21);
        // (column, value, the kinds planted in it)
        var cells = new List<(string Column, string Value, string[] Kinds)>();
        for (var i = 0; i < PerKind; i++)
        {
            cells.Add(("contact", Email(random), [PersonalDataKinds.Email]));
            cells.Add(("phone_number", Phone(random), [PersonalDataKinds.Phone]));
            cells.Add(("card", Card(random, valid: true), [PersonalDataKinds.PaymentCard]));
            cells.Add(("account", Iban(random, valid: true), [PersonalDataKinds.Iban]));
            cells.Add(("client_ip", random.Next(2) == 0 ? IpV4(random) : IpV6(random), [PersonalDataKinds.IpAddress]));
            cells.Add(("date_of_birth", BirthDate(random), [PersonalDataKinds.DateOfBirth]));
            cells.Add(("national_id", random.Next(2) == 0 ? Ssn(random) : Nino(random), [PersonalDataKinds.NationalId]));
            cells.Add(("customer_name", Name(random), [PersonalDataKinds.PersonName]));
            // Free text holding one or two kinds among ordinary words and numbers.
            var (email, phone, card) = (Email(random), Phone(random), Card(random, valid: true));
            cells.Add(("notes", $"Customer wrote from {email} on 2024-03-0{1 + i % 9} about order {100000 + i}, total 1{i}.50 EUR.", [PersonalDataKinds.Email]));
            cells.Add(("notes", $"Call back on {phone} before 17:30; ticket #{i} priority 2.", [PersonalDataKinds.Phone]));
            cells.Add(("notes", $"Paid with card {card}, refund 12.99 for item SKU-{i:D5}.", [PersonalDataKinds.PaymentCard]));
            cells.Add(("notes", $"Transfer to {Iban(random, valid: true)} from {IpV4(random)} at 09:1{i % 10}.", [PersonalDataKinds.Iban, PersonalDataKinds.IpAddress]));
            cells.Add(("notes", $"Patient born on {BirthDate(random)} seen at 10:00, SSN {Ssn(random)} on file.", [PersonalDataKinds.DateOfBirth, PersonalDataKinds.NationalId]));
            // Near misses: nothing personal in them.
            cells.Add(("notes", NearMiss(random, i), []));
            cells.Add(("card", Card(random, valid: false), []));
            cells.Add(("account", Iban(random, valid: false), []));
            cells.Add(("order_date", $"2023-{1 + i % 12:D2}-{1 + i % 28:D2}", []));
            cells.Add(("amount", $"{random.Next(10_000_000, 99_999_999)}", []));
            cells.Add(("product_name", $"Super {Name(random)}", []));
        }

        var detectors = new Dictionary<string, PersonalDataDetector>();
        var (truePositive, falsePositive, falseNegative) = (new Dictionary<string, int>(), new Dictionary<string, int>(), new Dictionary<string, int>());
        foreach (var kind in PersonalDataKinds.All) (truePositive[kind], falsePositive[kind], falseNegative[kind]) = (0, 0, 0);
        var misses = new List<string>();
        foreach (var (column, value, kinds) in cells)
        {
            if (!detectors.TryGetValue(column, out var detector)) detectors[column] = detector = new PersonalDataDetector(column);
            var found = detector.Find(value).Select(m => m.Kind).Distinct().ToArray();
            foreach (var kind in PersonalDataKinds.All)
            {
                var (planted, detected) = (kinds.Contains(kind), found.Contains(kind));
                if (planted && detected) truePositive[kind]++;
                else if (detected) { falsePositive[kind]++; misses.Add($"false {kind} in {column}: {value}"); }
                else if (planted) { falseNegative[kind]++; misses.Add($"missed {kind} in {column}: {value}"); }
            }
        }
        foreach (var miss in misses.Take(30)) output.WriteLine(miss);
        foreach (var kind in PersonalDataKinds.All)
        {
            var precision = truePositive[kind] / (double)(truePositive[kind] + falsePositive[kind]);
            var recall = truePositive[kind] / (double)(truePositive[kind] + falseNegative[kind]);
            output.WriteLine($"{kind,-14} planted {truePositive[kind] + falseNegative[kind],4}  precision {precision:F3}  recall {recall:F3}");
            Assert.True(precision >= 0.95, $"{kind} precision {precision:F3}");
            Assert.True(recall >= 0.95, $"{kind} recall {recall:F3}");
        }
    }

    [Theory]
    [InlineData("finance-credit.csv")]
    [InlineData("healthcare-diabetes.csv")]
    [InlineData("retail-churn.csv")]
    public void The_tabular_samples_hold_no_personal_data_and_none_is_found(string file)
    {
        var findings = Findings(file);

        Assert.True(findings.Length == 0, string.Join("\n", findings));
    }

    /// <summary>
    /// A treated column's pseudonyms (ADR 30) are hex: some hold a run of 13+ digits that passes
    /// Luhn. A card number stands as its own token, so none of 10,000 pseudonyms is taken for one.
    /// </summary>
    [Fact]
    public void Pseudonyms_are_not_found_as_personal_data()
    {
        var detector = new PersonalDataDetector("email");
        var key = new byte[32];
        var found = Enumerable.Range(0, 10_000).Select(i => ValueTreatment.Pseudonymise($"person{i}@example.org", key))
            .Where(p => detector.Find(p).Count > 0).ToArray();

        Assert.True(found.Length == 0, string.Join("\n", found.Take(10)));
        Assert.NotEmpty(new PersonalDataDetector("note").Find("card 4111 1111 1111 1111 on file"));
    }

    /// <summary>
    /// The reviews are free text people wrote: a few give a company's service number ("call
    /// 1-800-…"), which is a phone number and is found as one; nothing else in them is taken.
    /// </summary>
    [Fact]
    public void The_reviews_free_text_shows_only_the_phone_numbers_it_holds()
    {
        var findings = Findings("retail-reviews-train.csv");

        output.WriteLine(string.Join("\n", findings));
        Assert.Equal("review: phone ×3 (*-***-***-**07 | (***) *** **30 | *-***-***-**30)", Assert.Single(findings));
    }

    private static string[] Findings(string file)
    {
        using var stream = File.OpenRead(SampleDatasetFiles.PathOf(file));
        var profile = DatasetProfiler.Profile(CsvTableReader.Open(stream));
        return profile.Columns.Where(c => c.PersonalData is { Count: > 0 })
            .Select(c => $"{c.Name}: {string.Join(", ", c.PersonalData!.Select(f => $"{f.Kind} ×{f.Values} ({string.Join(" | ", f.MaskedExamples)})"))}").ToArray();
    }

    [Fact]
    public void The_profile_lists_each_finding_with_its_count_and_masked_examples_that_do_not_hold_the_value()
    {
        var csv = new StringBuilder("customer_name,email,card,comment\n");
        csv.Append("Maria Garcia,maria.garcia@example.com,4111 1111 1111 1111,call +31 6 1234 5678\n");
        csv.Append("John Smith,john.smith@example.org,5500-0000-0000-0004,no phone\n");
        csv.Append("Maria Garcia,maria.garcia@example.com,4111111111111111,\n");

        var profile = DatasetProfiler.Profile(CsvTableReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()))));

        var name = Assert.Single(profile.Columns[0].PersonalData!);
        Assert.Equal((PersonalDataKinds.PersonName, 3L), (name.Kind, name.Values));
        Assert.Equal(["M**** G*****", "J*** S****"], name.MaskedExamples);
        var email = Assert.Single(profile.Columns[1].PersonalData!);
        Assert.Equal((PersonalDataKinds.Email, 3L), (email.Kind, email.Values));
        Assert.Equal(["m***@***.com", "j***@***.org"], email.MaskedExamples);
        var card = Assert.Single(profile.Columns[2].PersonalData!);
        Assert.Equal(["**** **** **** 1111", "****-****-****-0004", "************1111"], card.MaskedExamples);
        var phone = Assert.Single(profile.Columns[3].PersonalData!);
        Assert.Equal((PersonalDataKinds.Phone, 1L, "+** * **** **78"), (phone.Kind, phone.Values, phone.MaskedExamples.Single()));
    }

    private static readonly string[] First = ["Maria", "John", "Aisha", "Wei", "Lars", "Sofia", "Mohammed", "Emma", "Noah", "Olivia", "Liam", "Yuki", "Pieter", "Ana", "Jean-Luc", "Siobhan"];
    private static readonly string[] Last = ["Garcia", "Smith", "Khan", "Zhang", "Jansen", "Rossi", "Haddad", "Müller", "O'Brien", "de Vries", "Nakamura", "Silva", "Dubois", "Kowalski"];

    private static string Name(Random r) => $"{First[r.Next(First.Length)]} {Last[r.Next(Last.Length)]}".Replace("de Vries", "De Vries");

    private static string Email(Random r) =>
        $"{First[r.Next(First.Length)].ToLowerInvariant().Replace("-", "")}{(r.Next(2) == 0 ? "." : "_")}{r.Next(1, 999)}@{new[] { "example.com", "mail.example.org", "corp.example.co.uk", "uni.example.edu" }[r.Next(4)]}";

    private static string Digits(Random r, int count) => string.Concat(Enumerable.Range(0, count).Select(i => (char)('0' + (i == 0 ? r.Next(1, 10) : r.Next(10)))));

    private static string Phone(Random r) => r.Next(5) switch
    {
        0 => $"+31 6 {Digits(r, 4)} {Digits(r, 4)}",
        1 => $"+1 ({Digits(r, 3)}) {Digits(r, 3)}-{Digits(r, 4)}",
        2 => $"0044 20 {Digits(r, 4)} {Digits(r, 4)}",
        3 => $"020-{Digits(r, 3)} {Digits(r, 4)}",
        _ => $"+49{Digits(r, 10)}",
    };

    private static string Card(Random r, bool valid)
    {
        var body = "4" + Digits(r, 14);
        var check = LuhnCheckDigit(body);
        var digits = body + (valid ? check : (check + 1 + r.Next(9)) % 10);
        return r.Next(3) switch
        {
            0 => digits,
            1 => string.Join(' ', Enumerable.Range(0, 4).Select(g => digits.Substring(4 * g, 4))),
            _ => string.Join('-', Enumerable.Range(0, 4).Select(g => digits.Substring(4 * g, 4))),
        };
    }

    private static int LuhnCheckDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var d = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    private static string Iban(Random r, bool valid)
    {
        var (country, bban) = r.Next(3) switch
        {
            0 => ("NL", $"ABNA{Digits(r, 10)}"),
            1 => ("DE", Digits(r, 18)),
            _ => ("GB", $"NWBK{Digits(r, 14)}"),
        };
        var numeric = string.Concat((bban + country + "00").Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString()));
        var check = 98 - (int)(BigInteger.Parse(numeric) % 97);
        if (!valid) check = (check + 1 + r.Next(50)) % 97 + 2;
        var iban = $"{country}{check:D2}{bban}";
        return r.Next(2) == 0 ? iban : string.Join(' ', iban.Chunk(4).Select(c => new string(c)));
    }

    private static string IpV4(Random r) => $"{r.Next(1, 224)}.{r.Next(256)}.{r.Next(256)}.{r.Next(1, 255)}";

    private static string IpV6(Random r) => r.Next(2) == 0
        ? string.Join(':', Enumerable.Range(0, 8).Select(_ => r.Next(0x10000).ToString("x")))
        : $"2001:db8::{r.Next(0x10000):x}:{r.Next(0x10000):x}";

    private static string BirthDate(Random r)
    {
        var date = new DateTime(1940, 1, 1).AddDays(r.Next(365 * 60));
        return r.Next(3) switch { 0 => date.ToString("yyyy-MM-dd"), 1 => date.ToString("dd/MM/yyyy"), _ => date.ToString("dd.MM.yyyy") };
    }

    private static string Ssn(Random r) => $"{r.Next(1, 666):D3}-{r.Next(1, 100):D2}-{r.Next(1, 10000):D4}";

    private static string Nino(Random r) => $"{"ACEHJKLMPRSTWXY"[r.Next(15)]}{"ABCEHJKLMPRSTWXY"[r.Next(16)]}{r.Next(1000000):D6}{"ABCD"[r.Next(4)]}";

    private static string NearMiss(Random r, int i) => (i % 8) switch
    {
        0 => $"Order 2024-01-{1 + i % 28:D2} shipped in {r.Next(2, 9)} days, weight {r.Next(1, 99)}.{r.Next(10)} kg",
        1 => $"Upgraded to version {r.Next(1, 9)}.{r.Next(20)}.{r.Next(50)} at {r.Next(24):D2}:{r.Next(60):D2}:{r.Next(60):D2}",
        2 => $"Invoice total {r.Next(1000, 9_999_999)}.{r.Next(100):D2} due {1 + r.Next(28)}/{1 + r.Next(12)}/2025",
        3 => $"Reference {Digits(r, 12)} for batch {Digits(r, 6)}",
        4 => $"Product code ABC-{Digits(r, 5)}-X, shelf {r.Next(1, 40)}, aisle {r.Next(1, 12)}",
        5 => $"Temperature -{r.Next(1, 30)}.{r.Next(10)} C, humidity {r.Next(20, 90)}%",
        6 => $"Tracking number {Digits(r, 10)} with carrier {r.Next(1, 5)}",
        _ => $"Scored {r.Next(1, 6)} of 5 by {r.Next(1, 10000)} reviewers in {2000 + r.Next(26)}",
    };
}
