using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Text;

/// <summary>
/// The distilled text student (ADR 32): token embeddings, two 1-D convolutions (3 and 5 tokens
/// wide) with ReLU, their maximum and mean over the real tokens, and a linear layer to the
/// classes. The embeddings start from the teacher's own, reduced by PCA, so the student does not
/// learn words from the train reviews alone.
/// </summary>
internal sealed class TextCnn : nn.Module<Tensor, Tensor, Tensor>
{
    public TextCnn(int vocabulary, int dimensions, int channels, int classes) : base(nameof(TextCnn))
    {
        Embedding = nn.Embedding(vocabulary, dimensions);
        Narrow = nn.Conv1d(dimensions, channels, 3, padding: 1);
        Wide = nn.Conv1d(dimensions, channels, 5, padding: 2);
        Classifier = nn.Linear(4 * channels, classes);
        RegisterComponents();
    }

    public Embedding Embedding { get; }
    public Conv1d Narrow { get; }
    public Conv1d Wide { get; }
    public Linear Classifier { get; }

    public double Dropout { get; set; } = 0.3;

    /// <param name="ids">[texts, tokens] ids into the student's vocabulary; padding is id 0.</param>
    /// <param name="penalty">[texts, 1, tokens]: 0 for a token, −10000 for padding (so a maximum ignores it).</param>
    /// <param name="tokenMask">[texts, 1, tokens]: 1 for a token, 0 for padding.</param>
    public Tensor Forward(Tensor ids, Tensor penalty, Tensor tokenMask)
    {
        // Padding is zeroed, as the convolutions' own padding is: a text scores the same in any batch.
        var x = nn.functional.dropout(Embedding.forward(ids), Dropout, training).transpose(1, 2) * tokenMask;
        var h = cat([nn.functional.relu(Narrow.forward(x)), nn.functional.relu(Wide.forward(x))], 1);
        var max = (h + penalty).amax([2]);
        var mean = (h * tokenMask).sum(2) / tokenMask.sum(2);
        return Classifier.forward(nn.functional.dropout(cat([max, mean], 1), Dropout, training));
    }

    public override Tensor forward(Tensor ids, Tensor tokenMask) => throw new NotSupportedException("Use Forward(ids, penalty, tokenMask).");
}
