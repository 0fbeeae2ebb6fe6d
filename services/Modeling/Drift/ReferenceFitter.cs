using Platform.Modeling.Preprocessing;
using Platform.Tabular;
using Platform.Tabular.Drift;

namespace Platform.Modeling.Drift;

/// <summary>
/// The drift reference of a model: each model input's bins fitted on the train rows, with the
/// kind the pipeline gave it, so that serving bins a value exactly as the model reads it.
/// </summary>
public static class ReferenceFitter
{
    /// <param name="freeText">The inputs a text model reads as free text: binned by their length in words (ADR 32).</param>
    public static ReferenceStatistics Fit(ColumnarTable data, FeaturePipeline pipeline, IReadOnlyList<int> trainRows, IReadOnlyCollection<string>? freeText = null)
    {
        var features = pipeline.Inputs.Select(encoder => encoder switch
        {
            _ when freeText?.Contains(encoder.Column) == true => FeatureReference.FitText(encoder.Column, trainRows.Select(r => data[encoder.SourceIndex].Text(r))),
            NumericEncoder numeric => FeatureReference.FitNumeric(
                numeric.Column, trainRows.Select(r => (double)data[numeric.SourceIndex].Number(r)).ToArray()),
            _ => FeatureReference.FitCategorical(encoder.Column, trainRows.Select(r => data[encoder.SourceIndex].Text(r))),
        }).ToArray();
        return new ReferenceStatistics(trainRows.Count, features);
    }
}
