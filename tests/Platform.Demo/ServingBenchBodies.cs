using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Tabular;

namespace Platform.Demo;

/// <summary>
/// The request bodies the serving benchmark sends: the first rows of the deployment's own dataset
/// (target left out), so every request is one a customer could send and is scored, not refused.
/// </summary>
public static class ServingBenchBodies
{
    /// <summary><c>{"instances": [...]}</c> with the first <paramref name="rows"/> rows.</summary>
    public static string Predict(TabularData data, string target, int rows)
    {
        if (data.Rows.Count < rows) throw new ArgumentException($"The dataset has {data.Rows.Count} rows; the benchmark needs {rows}.");
        var instances = new JsonArray(data.Rows.Take(rows).Select(r => (JsonNode)DeploymentJourney.ToInstance(data.Columns, r, target)).ToArray());
        return new JsonObject { ["instances"] = instances }.ToJsonString();
    }

    /// <summary>
    /// An Open Inference Protocol v2 request for the first row: one <c>[1, 1]</c> tensor per model
    /// input, in the datatype the model's metadata declares (numbers for numeric types, text for BYTES).
    /// </summary>
    public static string Infer(TabularData data, JsonNode metadata)
    {
        var row = data.Rows[0];
        var inputs = new JsonArray();
        foreach (var input in metadata["inputs"]!.AsArray())
        {
            var name = input!["name"]!.GetValue<string>();
            var datatype = input["datatype"]!.GetValue<string>();
            var column = data.ColumnIndex(name);
            if (column < 0) throw new InvalidDataException($"The model takes '{name}', which the dataset has no column for.");
            var text = row[column];
            JsonNode? value = text is null ? null
                : datatype == "BYTES" ? JsonValue.Create(text)
                : JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
            inputs.Add(new JsonObject { ["name"] = name, ["shape"] = new JsonArray(1, 1), ["datatype"] = datatype, ["data"] = new JsonArray(value) });
        }
        return new JsonObject { ["id"] = "bench", ["inputs"] = inputs }.ToJsonString();
    }
}
