using Platform.Contracts.Datasets;
using Platform.Tabular.Privacy;

namespace Platform.Inference.Serving;

/// <summary>
/// What predict does to a request's personal data before anything scores, keeps, explains or
/// watches it for drift (ADR 30): the treatment the model's training data had, with the tenant's
/// pseudonym key. Applied to the read batch in place, so the JSON and the tensor APIs treat alike.
/// A dropped column is no model input: it is never read, so never kept.
/// </summary>
public sealed class InputTreatment
{
    private readonly (int Column, string Action)[] _treated;
    private readonly byte[] _pseudonymKey;

    private InputTreatment((int, string)[] treated, byte[] pseudonymKey)
    {
        _treated = treated;
        _pseudonymKey = pseudonymKey;
    }

    /// <summary>The treatment of this model's inputs; null when none of them is treated.</summary>
    public static InputTreatment? For(IReadOnlyList<ColumnTreatment>? treatment, ModelSignature signature, Func<byte[]> pseudonymKey)
    {
        if (treatment is null) return null;
        var actions = treatment.Where(t => t.Action is TreatmentActions.Pseudonymise or TreatmentActions.Generalise or TreatmentActions.Mask)
            .ToDictionary(t => t.Column, t => t.Action);
        var treated = signature.Inputs.Select((input, i) => (Column: i, Action: actions.GetValueOrDefault(input.Name)))
            .Where(t => t.Action is not null).Select(t => (t.Column, t.Action!)).ToArray();
        return treated.Length == 0 ? null : new InputTreatment(treated, pseudonymKey());
    }

    /// <summary>Treats the batch's values in place.</summary>
    public void Apply(FeatureBatch batch)
    {
        foreach (var (index, action) in _treated)
        {
            switch (batch.Columns[index])
            {
                case CategoricalColumn { Values: var values }:
                    for (var i = 0; i < values.Length; i++) values[i] = ValueTreatment.Apply(action, values[i], _pseudonymKey) ?? "";
                    break;
                // A number learned generalised is its band; a pseudonymised column is text in the training data, so never numeric here.
                case NumericColumn { Values: var numbers } when action == TreatmentActions.Generalise:
                    for (var i = 0; i < numbers.Length; i++) numbers[i] = (float)ValueTreatment.Band(numbers[i]);
                    break;
            }
        }
    }
}
