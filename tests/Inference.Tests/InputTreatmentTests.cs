using System.Security.Cryptography;
using System.Text.Json;
using Platform.Contracts.Datasets;
using Platform.Inference.Serving;
using Platform.Tabular.Privacy;

namespace Platform.Inference.Tests;

/// <summary>
/// Predict treats a request's personal data as the model's training data was treated (ADR 30),
/// before anything scores or keeps it: the kept row holds pseudonyms and bands, never a raw value.
/// </summary>
public sealed class InputTreatmentTests
{
    private static readonly ModelSignature Signature = new(
        [new ModelInput("age", FeatureKind.Numeric), new ModelInput("email", FeatureKind.Categorical), new ModelInput("glucose", FeatureKind.Numeric)],
        ["neg", "pos"], "pos", "diabetes");

    private static readonly ColumnTreatment[] Treatment =
    [
        new("email", TreatmentActions.Pseudonymise, [PersonalDataKinds.Email]),
        new("age", TreatmentActions.Generalise, []),
        new("name", TreatmentActions.Drop, [PersonalDataKinds.PersonName]),
    ];

    [Fact]
    public void A_requests_personal_data_is_treated_before_it_is_scored_or_kept()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var treatment = InputTreatment.For(Treatment, Signature, () => key)!;
        using var request = JsonDocument.Parse("""[{"age": 47, "email": "ada@example.org", "glucose": 148, "name": "Ada Lovelace"}, {"age": null, "email": null, "glucose": 85}]""");
        Assert.Null(InstanceReader.TryRead(request.RootElement, Signature, new InstanceLimits(10, 100, 10_000), out var batch));

        treatment.Apply(batch!);

        var kept = ServedInstance.Keep(batch!, 0);
        Assert.Equal($$"""{"age":40,"email":"{{ValueTreatment.Pseudonymise("ada@example.org", key)}}","glucose":148}""", kept);
        Assert.Equal("""{"age":null,"email":null,"glucose":85}""", ServedInstance.Keep(batch!, 1));
        Assert.DoesNotContain("example.org", kept);
    }

    [Fact]
    public void A_model_without_treated_inputs_has_no_treatment_and_reads_no_key() =>
        Assert.Null(InputTreatment.For([new ColumnTreatment("name", TreatmentActions.Drop, [])], Signature, () => throw new InvalidOperationException("no key is needed")));
}
