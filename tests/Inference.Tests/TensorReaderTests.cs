using System.Text.Json;
using Platform.Contracts.Api.Inference;
using Platform.Inference.Extensions;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Http;

namespace Platform.Inference.Tests;

/// <summary>Open Inference Protocol v2 input tensors, in the forms the protocol's examples use, read into the model's columns.</summary>
public sealed class TensorReaderTests
{
    private static readonly ModelSignature Signature = new(
        [new ModelInput("age", FeatureKind.Numeric), new ModelInput("region", FeatureKind.Categorical)],
        ["bad", "good"], "good", "risk");

    private static readonly InstanceLimits Defaults = new InferenceOptions().InstanceLimits();

    private static InstanceError? Read(string requestJson, out FeatureBatch? batch, InstanceLimits? limits = null)
    {
        var request = JsonSerializer.Deserialize<InferenceRequest>(requestJson)!;
        return TensorReader.TryRead(request.Inputs, Signature, limits ?? Defaults, out batch);
    }

    private static FeatureBatch ReadValid(string requestJson)
    {
        var error = Read(requestJson, out var batch);
        Assert.True(error is null, error?.ToString());
        return batch!;
    }

    [Fact]
    public void Flat_and_nested_data_are_the_same_column_in_the_models_input_order()
    {
        // The protocol's example form: id, parameters, typed tensors; inputs in any order.
        var flat = ReadValid("""
            {"id": "42", "parameters": {"trace": true},
             "inputs": [{"name": "region", "shape": [2, 1], "datatype": "BYTES", "data": ["north", "south"]},
                        {"name": "age", "shape": [2, 1], "datatype": "FP32", "data": [42.5, 23]}],
             "outputs": [{"name": "probabilities"}]}
            """);
        var nested = ReadValid("""
            {"inputs": [{"name": "age", "shape": [2, 1], "datatype": "INT64", "data": [[42.5], [23]]},
                        {"name": "region", "shape": [2], "datatype": "BYTES", "data": ["north", "south"]}]}
            """);

        foreach (var batch in new[] { flat, nested })
        {
            Assert.Equal(2, batch.Count);
            Assert.Equal(["age", "region"], batch.Columns.Select(c => c.Name));
            Assert.Equal([42.5f, 23f], Assert.IsType<NumericColumn>(batch.Columns[0]).Values);
            Assert.Equal(["north", "south"], Assert.IsType<CategoricalColumn>(batch.Columns[1]).Values);
        }
    }

    [Fact]
    public void Null_is_a_missing_value_the_graph_imputes()
    {
        var batch = ReadValid("""
            {"inputs": [{"name": "age", "shape": [2, 1], "datatype": "FP32", "data": [null, 1]},
                        {"name": "region", "shape": [2, 1], "datatype": "BYTES", "data": ["north", null]}]}
            """);

        Assert.True(float.IsNaN(Assert.IsType<NumericColumn>(batch.Columns[0]).Values[0]));
        Assert.Equal("", Assert.IsType<CategoricalColumn>(batch.Columns[1]).Values[1]);
        Assert.Equal("""{"age":null,"region":"north"}""", ServedInstance.Keep(batch, 0));
        Assert.Equal("""{"age":1,"region":null}""", ServedInstance.Keep(batch, 1));
    }

    [Theory]
    [InlineData("""{"inputs": [{"name": "age", "shape": [1, 1], "datatype": "FP32", "data": [1]}]}""", "region", "is missing")]
    [InlineData("""{"inputs": [{"name": "age", "shape": [1, 1], "datatype": "FP32", "data": [1]}, {"name": "region", "shape": [1, 1], "datatype": "BYTES", "data": ["n"]}, {"name": "zip", "shape": [1], "datatype": "BYTES", "data": ["x"]}]}""", "zip", "is not an input of this model")]
    [InlineData("""{"inputs": [{"name": "age", "shape": [2, 2], "datatype": "FP32", "data": [1, 2, 3, 4]}, {"name": "region", "shape": [2, 1], "datatype": "BYTES", "data": ["n", "s"]}]}""", "age", "has shape [2, 2]")]
    [InlineData("""{"inputs": [{"name": "age", "shape": [3, 1], "datatype": "FP32", "data": [1, 2]}, {"name": "region", "shape": [3, 1], "datatype": "BYTES", "data": ["n", "s", "e"]}]}""", "age", "has 2 elements in data, its shape says 3")]
    [InlineData("""{"inputs": [{"name": "age", "shape": [2, 1], "datatype": "FP32", "data": [1, 2]}, {"name": "region", "shape": [1, 1], "datatype": "BYTES", "data": ["n"]}]}""", "region", "has 1 instances, the inputs before it 2")]
    [InlineData("""{"inputs": [{"name": "age", "shape": [1, 1], "datatype": "BYTES", "data": ["old"]}, {"name": "region", "shape": [1, 1], "datatype": "BYTES", "data": ["n"]}]}""", "age", "datatype must be numeric")]
    [InlineData("""{"inputs": [{"name": "age", "shape": [1, 1], "datatype": "FP32", "data": ["old"]}, {"name": "region", "shape": [1, 1], "datatype": "BYTES", "data": ["n"]}]}""", "age", "element 0 must be a finite number or null")]
    [InlineData("""{"inputs": [{"name": "age", "shape": [1, 1], "datatype": "FP32", "data": [[[1]]]}, {"name": "region", "shape": [1, 1], "datatype": "BYTES", "data": ["n"]}]}""", "age", "nested deeper than the shape")]
    [InlineData("""{"inputs": []}""", "inputs", "at least one input tensor")]
    public void A_tensor_that_does_not_fit_the_model_is_refused_naming_it(string request, string field, string reason)
    {
        var error = Read(request, out var batch);

        Assert.Null(batch);
        Assert.NotNull(error);
        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void More_instances_than_the_limit_are_refused_naming_the_limit()
    {
        var error = Read("""
            {"inputs": [{"name": "age", "shape": [3, 1], "datatype": "FP32", "data": [1, 2, 3]},
                        {"name": "region", "shape": [3, 1], "datatype": "BYTES", "data": ["n", "s", "e"]}]}
            """, out _, Defaults with { MaxInstances = 2 });

        Assert.NotNull(error);
        Assert.Equal(new ServiceLimit("maxInstancesPerRequest", 2), error.Limit);
        Assert.Contains("at most 2 instances, had 3", error.Reason);
    }
}
