using Platform.Tabular;

namespace Platform.Modeling.Data;

/// <summary>
/// Reads a dataset the way training and evaluation use it: the target kept as text (labels compare as
/// text), each row tagged with its split partition from its raw cells, the table reserved from the
/// job's budget. <paramref name="textColumns"/> are further columns whose exact text a model needs
/// (a string input of a model trained on another version, where the column may now hold only numbers).
/// </summary>
public static class TrainingTable
{
    public static ColumnarTable Read(Func<Stream> open, string target, int seed, MemoryBudget budget, IEnumerable<string>? textColumns = null) =>
        ColumnarTable.Read(open, Options(target, seed, budget, textColumns));

    public static ColumnarTable FromRows(
        IReadOnlyList<string> columns, IReadOnlyList<string?[]> rows, string target, int seed, IEnumerable<string>? textColumns = null) =>
        ColumnarTable.FromRows(columns, rows, Options(target, seed, MemoryBudget.Unlimited(), textColumns));

    private static ColumnarReadOptions Options(string target, int seed, MemoryBudget budget, IEnumerable<string>? textColumns) => new()
    {
        TextColumns = (textColumns ?? []).Append(target).Distinct(StringComparer.Ordinal).ToArray(),
        Budget = budget,
        Tagger = DatasetSplit.Tagger(seed),
    };
}
