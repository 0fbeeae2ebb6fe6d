using System.Text.Json;
using Platform.Inference.Extensions;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Http;

namespace Platform.Inference.Tests;

public sealed class InstanceReaderTests
{
    private static readonly ModelSignature Signature = new(
        [new ModelInput("age", FeatureKind.Numeric), new ModelInput("income", FeatureKind.Numeric), new ModelInput("region", FeatureKind.Categorical)],
        ["bad", "good"], "good", "risk");

    private static readonly InstanceLimits Defaults = new InferenceOptions().InstanceLimits();

    private static InstanceError? Read(string instancesJson, out FeatureBatch? batch, int maxInstances = 1000) =>
        Read(instancesJson, out batch, Defaults with { MaxInstances = maxInstances });

    private static InstanceError? Read(string instancesJson, out FeatureBatch? batch, InstanceLimits limits)
    {
        using var document = JsonDocument.Parse(instancesJson);
        return InstanceReader.TryRead(document.RootElement.Clone(), Signature, limits, out batch);
    }

    private static FeatureBatch ReadValid(string instancesJson)
    {
        var error = Read(instancesJson, out var batch);
        Assert.Null(error);
        return batch!;
    }

    private static float[] Numbers(FeatureBatch batch, string column) => Assert.IsType<NumericColumn>(batch.Columns.Single(c => c.Name == column)).Values;
    private static string[] Texts(FeatureBatch batch, string column) => Assert.IsType<CategoricalColumn>(batch.Columns.Single(c => c.Name == column)).Values;

    [Fact]
    public void Each_model_input_becomes_one_column_with_a_value_per_instance_in_order()
    {
        var batch = ReadValid("""[{"age": 42, "income": 51000.5, "region": "north"}, {"age": 23, "income": 0, "region": "south"}]""");

        Assert.Equal(2, batch.Count);
        Assert.Equal(["age", "income", "region"], batch.Columns.Select(c => c.Name));
        Assert.Equal([42f, 23f], Numbers(batch, "age"));
        Assert.Equal([51000.5f, 0f], Numbers(batch, "income"));
        Assert.Equal(["north", "south"], Texts(batch, "region"));
    }

    [Fact]
    public void Numeric_strings_are_read_as_numbers_in_the_invariant_culture()
    {
        var batch = ReadValid("""[{"age": "42", "income": " 1.5e3 ", "region": "north"}, {"age": "-0.25", "income": "7"}]""");
        Assert.Equal([42f, -0.25f], Numbers(batch, "age"));
        Assert.Equal([1500f, 7f], Numbers(batch, "income"));
    }

    [Fact]
    public void Null_absent_and_empty_values_are_missing_nan_for_numbers_and_empty_for_categories()
    {
        var batch = ReadValid("""[{"age": null, "income": "", "region": null}, {}, {"income": "NaN", "region": ""}]""");
        Assert.All(Numbers(batch, "age"), v => Assert.True(float.IsNaN(v)));
        Assert.All(Numbers(batch, "income"), v => Assert.True(float.IsNaN(v)));
        Assert.Equal(["", "", ""], Texts(batch, "region"));
    }

    [Fact]
    public void Numbers_and_booleans_for_a_categorical_column_become_their_text()
    {
        var batch = ReadValid("""[{"region": 3}, {"region": 2.50}, {"region": true}, {"region": false}]""");
        Assert.Equal(["3", "2.50", "true", "false"], Texts(batch, "region"));
    }

    [Fact]
    public void Columns_the_model_does_not_take_are_ignored()
    {
        var batch = ReadValid("""[{"age": 1, "customer_id": {"nested": true}, "notes": [1, 2]}]""");
        Assert.Equal(3, batch.Columns.Count);
    }

    [Fact]
    public void An_instance_whose_properties_are_inputs_but_for_their_case_is_refused_naming_the_input()
    {
        var error = Read("""[{"age": 30}, {"Age": 30, "Income": 1000}]""", out var batch);
        Assert.Null(batch);
        Assert.Equal(new InstanceError("Age", "is not an input: input names are case-sensitive, and the model's is 'age'", 1), error);
    }

    [Fact]
    public void An_instance_naming_none_of_the_inputs_is_refused_but_an_empty_one_is_every_input_missing()
    {
        var error = Read("""[{}, {"customer_id": 7}]""", out var batch);
        Assert.Null(batch);
        Assert.Equal(new InstanceError("instances", "names none of the model's inputs (age, income, region); scored, it would be an instance with every input missing", 1), error);
        Assert.Equal(1, ReadValid("""[{}]""").Count);
    }

    [Theory]
    [InlineData("""[{"age": 30}, {"age": "high"}]""", "age", 1, "'high' is not")]
    [InlineData("""[{"age": 30, "income": true}]""", "income", 0, "not a boolean")]
    [InlineData("""[{"income": {"value": 3}}]""", "income", 0, "not an object")]
    [InlineData("""[{}, {}, {"region": ["north"]}]""", "region", 2, "not an array")]
    [InlineData("""[{"region": {"name": "north"}}]""", "region", 0, "not an object")]
    [InlineData("""[{"age": 1e39}]""", "age", 0, "out of range")]
    [InlineData("""[{"age": "Infinity"}]""", "age", 0, "out of range")]
    public void A_bad_value_is_refused_naming_its_instance_and_column(string json, string column, int row, string reason)
    {
        var error = Read(json, out var batch);
        Assert.Null(batch);
        Assert.NotNull(error);
        Assert.Equal(column, error.Field);
        Assert.Equal(row, error.Row);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void A_long_bad_value_is_quoted_shortened()
    {
        var error = Read($$"""[{"age": "{{new string('x', 500)}}"}]""", out _);
        Assert.True(error!.Reason.Length < 100, error.Reason);
    }

    [Fact]
    public void An_instance_that_is_not_an_object_is_refused_with_its_index()
    {
        var error = Read("""[{"age": 1}, 42]""", out _);
        Assert.Equal(new InstanceError(InstanceReader.InstancesField, "must be an object of column values", 1), error);
    }

    [Theory]
    [InlineData("[]", "at least one")]
    [InlineData("{}", "must be an array")]
    [InlineData("null", "must be an array")]
    public void A_request_without_instances_is_refused(string json, string reason)
    {
        var error = Read(json, out _);
        Assert.Equal(InstanceReader.InstancesField, error!.Field);
        Assert.Null(error.Row);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void An_absent_instances_property_is_refused()
    {
        var error = InstanceReader.TryRead(default, Signature, Defaults, out _);
        Assert.Equal(InstanceReader.InstancesField, error!.Field);
    }

    [Fact]
    public void More_instances_than_the_limit_are_refused()
    {
        var error = Read("""[{}, {}, {}]""", out _, maxInstances: 2);
        Assert.Equal(InstanceReader.InstancesField, error!.Field);
        Assert.Contains("at most 2", error.Reason);
        Assert.Equal(new ServiceLimit("maxInstancesPerRequest", 2), error.Limit);
        Assert.Null(Read("""[{}, {}]""", out _, maxInstances: 2));
    }

    [Fact]
    public void An_instance_with_more_properties_than_the_limit_is_refused_naming_it_and_max_instance_properties()
    {
        var limits = Defaults with { MaxProperties = 3 };

        var error = Read("""[{"age": 1, "income": 2, "region": "n"}, {"age": 1, "income": 2, "region": "n", "note": "x"}]""", out _, limits);

        Assert.Equal("instances[1]", error!.Field);
        Assert.Equal(1, error.Row);
        Assert.Equal("has more than 3 properties", error.Reason);
        Assert.Equal(new ServiceLimit("maxInstanceProperties", 3), error.Limit);
    }

    [Fact]
    public void An_instance_over_the_byte_limit_is_refused_naming_it_and_max_instance_bytes()
    {
        var limits = Defaults with { MaxBytes = 40 };

        var error = Read("""[{"age": 1, "region": "north"}, {"age": 1, "region": "a region with a very long name"}]""", out _, limits);

        Assert.Equal("instances[1]", error!.Field);
        Assert.Equal(1, error.Row);
        Assert.Equal("is 54 bytes of JSON; at most 40 are accepted", error.Reason);
        Assert.Equal(new ServiceLimit("maxInstanceBytes", 40), error.Limit);
    }

    [Fact]
    public void The_default_instance_limits_are_1000_instances_1000_properties_and_32_KiB()
    {
        Assert.Equal(new InstanceLimits(1_000, 1_000, 32_768), Defaults);

        var wide = "{" + string.Join(",", Enumerable.Range(0, 1_001).Select(i => $"\"c{i}\": 1")) + "}";
        Assert.Equal("maxInstanceProperties", Read($"[{wide}]", out _, Defaults)!.Limit!.Name);
        var big = JsonSerializer.Serialize(new { region = new string('x', 32_768) });
        Assert.Equal("maxInstanceBytes", Read($"[{big}]", out _, Defaults)!.Limit!.Name);
        Assert.Null(Read($"[{JsonSerializer.Serialize(new { region = new string('x', 30_000) })}]", out _, Defaults));
    }
}
