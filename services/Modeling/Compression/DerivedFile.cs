using Google.Protobuf;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;

namespace Platform.Modeling.Compression;

/// <summary>
/// How a network trained from another model (a distilled student, a pruned and fine-tuned network)
/// becomes its file: checked against the network it was trained as on the split's test rows
/// (parity, as every trained file is, ADR 3), then marked in its metadata with what it came from.
/// </summary>
internal static class DerivedFile
{
    public static byte[] Finish(TrainingSplit split, FittedFamily fitted, double tolerance, string key, string value)
    {
        float[] onnx;
        using (var classifier = new OnnxClassifier(fitted.OnnxModel)) onnx = classifier.PredictProbabilities(split.Data, split.TestRows);
        var parity = TabularClassifierTrainer.Parity(split, fitted.TestScores, onnx);
        if (!(parity < tolerance)) throw new ModelParityException(parity, tolerance);

        var proto = ModelProto.Parser.ParseFrom(fitted.OnnxModel);
        proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return proto.ToByteArray();
    }
}
