using CreativeGen.Ml.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Training;

/// <summary>
/// Differentiable augmentation (Zhao et al. 2020): random colour (brightness, saturation, contrast), translation by up
/// to 1/8 of the side and a cutout of half the side, applied to both real and fake images before the discriminator,
/// so the discriminator cannot memorise a small data set. Every draw comes from the given generator (reproducible,
/// and safe beside other trainers in the same process).
/// </summary>
public static class DiffAugment
{
    public static Tensor Apply(Tensor images, torch.Generator random, bool cutout = true)
    {
        var augmented = Colour(images, random);
        augmented = Translate(augmented, 0.125, random);
        return cutout ? Cutout(augmented, 0.5, random) : augmented;
    }

    public static Tensor Colour(Tensor x, torch.Generator random)
    {
        var batch = x.shape[0];
        x = x.add(TorchDevice.Place(torch.rand([batch, 1, 1, 1], generator: random)).sub(0.5)); // brightness
        var pixelMean = x.mean([1], keepdim: true);
        x = x.sub(pixelMean).mul(TorchDevice.Place(torch.rand([batch, 1, 1, 1], generator: random)).mul(2.0)).add(pixelMean); // saturation
        var imageMean = x.mean([1, 2, 3], keepdim: true);
        return x.sub(imageMean).mul(TorchDevice.Place(torch.rand([batch, 1, 1, 1], generator: random)).add(0.5)).add(imageMean); // contrast
    }

    /// <summary>Shifts each image by whole pixels in [-ratio·side, ratio·side], filling with zeros.</summary>
    public static Tensor Translate(Tensor x, double ratio, torch.Generator random)
    {
        long batch = x.shape[0], channels = x.shape[1], height = x.shape[2], width = x.shape[3];
        var shift = (long)(height * ratio + 0.5);
        if (shift == 0) return x;
        var shiftY = TorchDevice.Place(torch.randint(-shift, shift + 1, [batch, 1, 1, 1], generator: random));
        var shiftX = TorchDevice.Place(torch.randint(-shift, shift + 1, [batch, 1, 1, 1], generator: random));
        var padded = nn.functional.pad(x, [shift, shift, shift, shift]); // (B, C, H+2s, W+2s)
        var rows = TorchDevice.Place(torch.arange(height)).view(1, 1, height, 1).add(shiftY).add(shift)
            .expand(batch, channels, height, width + 2 * shift);
        var byRows = padded.gather(2, rows); // (B, C, H, W+2s)
        var columns = TorchDevice.Place(torch.arange(width)).view(1, 1, 1, width).add(shiftX).add(shift)
            .expand(batch, channels, height, width);
        return byRows.gather(3, columns); // (B, C, H, W)
    }

    /// <summary>Zeroes a square of side ratio·side at a random place in each image.</summary>
    public static Tensor Cutout(Tensor x, double ratio, torch.Generator random)
    {
        long batch = x.shape[0], height = x.shape[2], width = x.shape[3];
        var half = (long)(height * ratio + 0.5) / 2;
        var centreY = TorchDevice.Place(torch.randint(0, height + 1, [batch, 1, 1], generator: random));
        var centreX = TorchDevice.Place(torch.randint(0, width + 1, [batch, 1, 1], generator: random));
        var ys = TorchDevice.Place(torch.arange(height)).view(1, height, 1);
        var xs = TorchDevice.Place(torch.arange(width)).view(1, 1, width);
        var inside = ys.ge(centreY.sub(half)).logical_and(ys.lt(centreY.add(half)))
            .logical_and(xs.ge(centreX.sub(half))).logical_and(xs.lt(centreX.add(half))); // (B, H, W)
        return x.mul(inside.logical_not().unsqueeze(1).to_type(x.dtype));
    }
}
