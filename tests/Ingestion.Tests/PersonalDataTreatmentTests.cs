using System.Security.Cryptography;
using System.Text;
using Platform.Contracts.Datasets;
using Platform.ServiceDefaults.Artifacts;
using Platform.Tabular;
using Platform.Tabular.Privacy;

namespace Platform.Ingestion.Tests;

/// <summary>
/// The treatments of personal data (issue 21, item 2; ADR 30): keyed pseudonyms stable within a
/// tenant and different across tenants, generalisation by shape, and a treated table that holds no
/// raw value of a treated column.
/// </summary>
public class PersonalDataTreatmentTests : IDisposable
{
    private readonly string _keys = Directory.CreateTempSubdirectory("pseudonym-keys-").FullName;

    public void Dispose() => Directory.Delete(_keys, recursive: true);

    [Fact]
    public void A_pseudonym_is_stable_within_a_tenant_and_differs_across_tenants()
    {
        var keyring = new TenantKeyring(_keys, RandomNumberGenerator.GetBytes(TenantKeyring.KeyBytes));
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        keyring.GetOrCreate(first);
        keyring.GetOrCreate(second);
        var pseudonyms = new PseudonymKeys(keyring);

        var mine = ValueTreatment.Pseudonymise("ada@example.org", pseudonyms.For(first));
        // Read again (keys are not cached: a second read of the key file), and with the whitespace a CSV may carry.
        Assert.Equal(mine, ValueTreatment.Pseudonymise(" ada@example.org ", pseudonyms.For(first)));
        Assert.NotEqual(mine, ValueTreatment.Pseudonymise("ada@example.org", pseudonyms.For(second)));
        Assert.NotEqual(mine, ValueTreatment.Pseudonymise("bob@example.org", pseudonyms.For(first)));
        Assert.Matches("^pn_[0-9a-f]{24}$", mine);

        keyring.Shred(first);
        Assert.Equal(first, Assert.Throws<TenantKeyMissingException>(() => pseudonyms.For(first)).Tenant);
    }

    [Theory]
    [InlineData("37", "30")]
    [InlineData("40", "40")]
    [InlineData("29.9", "20")]
    [InlineData("1984-03-12", "1984")]
    [InlineData("ada.lovelace@Example.ORG", "*@example.org")]
    [InlineData("192.168.14.7", "192.168.0.0/16")]
    [InlineData("SW1A 1AA", "SW1")]
    [InlineData("AB", "AB")]
    public void Generalising_keeps_the_coarse_part_of_a_value_by_its_shape(string value, string expected) =>
        Assert.Equal(expected, ValueTreatment.Generalise(value));

    [Fact]
    public void A_missing_value_stays_missing_under_every_treatment()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        foreach (var action in new[] { TreatmentActions.Pseudonymise, TreatmentActions.Generalise, TreatmentActions.Keep })
        {
            Assert.Null(ValueTreatment.Apply(action, null, key));
            Assert.Equal("", ValueTreatment.Apply(action, "", key));
        }
    }

    [Fact]
    public async Task The_treated_table_drops_pseudonymises_and_generalises_and_holds_no_raw_value_of_a_treated_column()
    {
        var csv = """
            name,email,age,postcode,glucose,outcome
            Ada Lovelace,ada@example.org,36,"SW1A 1AA",148,pos
            "Babbage, Charles",charles@example.org,79,NW1 8AB,85,neg
            Ada Lovelace,ada@example.org,36,,,pos
            """;
        var key = RandomNumberGenerator.GetBytes(32);
        var actions = new Dictionary<string, string>
        {
            ["name"] = TreatmentActions.Drop,
            ["email"] = TreatmentActions.Pseudonymise,
            ["age"] = TreatmentActions.Generalise,
            ["postcode"] = TreatmentActions.Generalise,
        };
        using var output = new MemoryStream();
        var rows = await DatasetTreatment.WriteAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), actions, key, output, CancellationToken.None);

        Assert.Equal(3, rows);
        var treated = CsvTableReader.ReadAll(new MemoryStream(output.ToArray()));
        Assert.Equal(["email", "age", "postcode", "glucose", "outcome"], treated.Columns);
        var ada = ValueTreatment.Pseudonymise("ada@example.org", key);
        Assert.Equal<IEnumerable<string?>>([ada, "30", "SW1", "148", "pos"], treated.Rows[0]);
        Assert.Equal<IEnumerable<string?>>([ValueTreatment.Pseudonymise("charles@example.org", key), "70", "NW1", "85", "neg"], treated.Rows[1]);
        Assert.Equal<IEnumerable<string?>>([ada, "30", null, null, "pos"], treated.Rows[2]); // the same person, the same pseudonym; missing stays missing

        var text = Encoding.UTF8.GetString(output.ToArray());
        foreach (var raw in new[] { "Ada", "Lovelace", "Babbage", "example.org", "1AA", "8AB" }) Assert.DoesNotContain(raw, text);
    }

    [Fact]
    public async Task A_treatment_of_a_column_the_table_lacks_is_refused_by_name()
    {
        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => DatasetTreatment.WriteAsync(
            new MemoryStream("a,b\n1,2\n"u8.ToArray()), new Dictionary<string, string> { ["email"] = TreatmentActions.Drop },
            new byte[32], new MemoryStream(), CancellationToken.None));
        Assert.Equal("the table has no column email", refused.Message);
    }
}
