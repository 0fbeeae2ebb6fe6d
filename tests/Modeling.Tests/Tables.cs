using Platform.Modeling.Data;
using Platform.Modeling.Training;
using Platform.Tabular;

namespace Platform.Modeling.Tests;

/// <summary>Rows in memory read the way Training reads a file: the target as text, each row tagged with its partition for the seed.</summary>
public static class Tables
{
    public static ColumnarTable Typed(TabularData data, string target, int seed) =>
        TrainingTable.FromRows(data.Columns, data.Rows, target, seed);

    public static TrainingRequest Request(TabularData data, string target, string? positive, IReadOnlyList<string>? features, int seed) =>
        new(Typed(data, target, seed), target, positive, features, seed);
}
