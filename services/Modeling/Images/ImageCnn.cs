using Platform.Tabular.Images;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Images;

/// <summary>
/// A convolutional classifier for small images (issue 17): two blocks of a 3×3 convolution, batch
/// normalisation, ReLU and 2×2 max pooling, then dropout, a dense layer with ReLU, dropout and the
/// class layer. Fashion-MNIST's own table puts two such blocks at 0.925–0.939 test accuracy; the
/// widths are options, so a distilled or pruned student is the same network, narrower.
/// </summary>
internal sealed class ImageCnn : nn.Module<Tensor, Tensor>
{
    public ImageCnn(ImageShape shape, int firstChannels, int secondChannels, int hidden, int classes, bool mirrored) : base(nameof(ImageCnn))
    {
        Shape = shape;
        Mirrored = mirrored;
        First = nn.Conv2d(shape.Channels, firstChannels, 3, padding: 1);
        FirstNorm = new ChannelNorm(firstChannels);
        Second = nn.Conv2d(firstChannels, secondChannels, 3, padding: 1);
        SecondNorm = new ChannelNorm(secondChannels);
        Hidden = nn.Linear(secondChannels * (shape.Height / 4) * (shape.Width / 4), hidden);
        Classifier = nn.Linear(hidden, classes);
        RegisterComponents();
    }

    public ImageShape Shape { get; }

    /// <summary>
    /// Whether the network, once trained, answers with the mean of its logits for the image and for its
    /// mirror image (left to right): a network trained on random flips has learned both, and their
    /// mean is a steadier answer than either (test-time augmentation, ADR 34's amendment). Its file does the same.
    /// </summary>
    public bool Mirrored { get; }
    public Conv2d First { get; }
    public ChannelNorm FirstNorm { get; }
    public Conv2d Second { get; }
    public ChannelNorm SecondNorm { get; }
    public Linear Hidden { get; }
    public Linear Classifier { get; }

    public double Dropout { get; set; } = 0.25;

    /// <param name="images">[images, channels, height, width], already normalised.</param>
    /// <returns>The classes' logits.</returns>
    public override Tensor forward(Tensor images)
    {
        if (training || !Mirrored) return Logits(images);
        // One run over the images and their mirrors, as the file does it (Concat, then the mean of the two halves).
        var count = images.shape[0];
        var logits = Logits(cat([images, images.flip(3)], 0));
        return logits.view(2, count, logits.shape[1]).mean([0L]);
    }

    private Tensor Logits(Tensor images)
    {
        var x = nn.functional.max_pool2d(nn.functional.relu(FirstNorm.forward(First.forward(images))), 2);
        x = nn.functional.max_pool2d(nn.functional.relu(SecondNorm.forward(Second.forward(x))), 2);
        x = nn.functional.dropout(x.flatten(1), Dropout, training);
        x = nn.functional.dropout(nn.functional.relu(Hidden.forward(x)), Dropout, training);
        return Classifier.forward(x);
    }
}
