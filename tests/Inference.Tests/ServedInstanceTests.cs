using System.Text.Json;
using Platform.Inference.Serving;

namespace Platform.Inference.Tests;

public sealed class ServedInstanceTests
{
    private static readonly ModelSignature Signature = new(
        [new ModelInput("age", FeatureKind.Numeric), new ModelInput("income", FeatureKind.Numeric), new ModelInput("region", FeatureKind.Categorical)],
        ["bad", "good"], "good", "risk");

    private static string Keep(string instance)
    {
        using var document = JsonDocument.Parse(instance);
        return ServedInstance.Keep(document.RootElement, Signature);
    }

    [Fact]
    public void Only_the_models_inputs_are_kept_each_as_it_was_sent_and_in_the_signatures_order()
    {
        var kept = Keep("""{"secret": "do not keep", "region": "north", "age": "42", "income": 1.50, "note": {"a": [1, 2]}}""");
        Assert.Equal("""{"age":"42","income":1.50,"region":"north"}""", kept);
    }

    [Fact]
    public void An_absent_input_stays_absent_and_a_null_stays_null()
    {
        Assert.Equal("""{"income":null}""", Keep("""{"income": null, "extra": 1}"""));
        Assert.Equal("{}", Keep("""{"extra": 1}"""));
    }
}
