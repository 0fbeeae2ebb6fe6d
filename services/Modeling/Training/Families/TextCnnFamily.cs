using Platform.Modeling.Data;
using Platform.Modeling.Onnx;
using Platform.Modeling.Text;
using TorchSharp;

namespace Platform.Modeling.Training.Families;

/// <summary>
/// A small convolutional network learned from scratch on the split's one free-text column (ADR 32,
/// issue 15's second way): the same WordPiece ids as the fine-tuned encoder (the encoder's
/// vocabulary and tokenizer nodes), embeddings started at random over the ids the train texts use,
/// the labels alone. It competes with the fine-tuned encoder on the validation rows: the price of
/// a pretrained model is minutes of training and tens of megabytes, and a customer's text may not
/// need it.
/// </summary>
public sealed class TextCnnFamily(string textColumn, PretrainedEncoder? encoder = null, TextStudentOptions? options = null, int maxTokens = 256) : IClassifierFamily
{
    private readonly PretrainedEncoder _encoder = encoder ?? PretrainedEncoder.MiniLm;
    private readonly TextStudentOptions _options = options ?? TextStudentOptions.FromScratch;

    public string Name => ModelFamilies.TextCnn;

    public FittedFamily Fit(TrainingSplit split, IProgress<EpochProgress>? progress = null, CancellationToken ct = default)
    {
        if (split.IsRegression)
            throw new InvalidTrainingDataException($"A text model learns classes; the column '{split.Table.Target}' is a regression target.");
        var column = split.Data.ColumnIndex(textColumn);
        if (column < 0) throw new InvalidTrainingDataException($"The text column '{textColumn}' is not in the data.");
        var vocabulary = _encoder.ReadVocabulary();
        var texts = TextCnnTrainer.Tokenize(split, split.Data[column], vocabulary, maxTokens, PretrainedEncoder.VocabularySize(vocabulary));
        lock (NetworkFamily.TorchRandom)
        {
            torch.set_num_threads(_options.Threads);
            torch.manual_seed(split.Seed);
            using var network = new TextCnn(texts.KeptIds.Length, _options.Dimensions, _options.Channels, split.Classes) { Dropout = _options.Dropout };
            var (testScores, epoch) = TextCnnTrainer.Train(network, split, texts, teacher: null, _options, ct);
            var file = TextStudentWriter.Write(network, texts.Remap, vocabulary, maxTokens, textColumn, split.Table.Classes, split.Table.Target, epoch);
            return new FittedFamily(Name, file, testScores, epoch);
        }
    }
}
