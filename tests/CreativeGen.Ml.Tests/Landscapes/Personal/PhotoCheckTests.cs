using CreativeGen.Ml.Landscapes.Personal;
using CreativeGen.Ml.Tests.Landscapes.Data;
using SkiaSharp;

namespace CreativeGen.Ml.Tests.Landscapes.Personal;

/// <summary>Upload checks on a user's photo: every refusal names the file and the reason.</summary>
public sealed class PhotoCheckTests
{
    private static readonly PhotoLimits Limits = new(MaxFileBytes: 200_000, MinSide: 64, MaxSide: 1024);

    [Fact]
    public void Validate_APngAndAJpeg_AreAcceptedWithTheirSize()
    {
        var png = SyntheticImages.Encode(120, 80, x => new SKColor((byte)x, 50, 50), SKEncodedImageFormat.Png);
        var jpeg = SyntheticImages.Encode(90, 70, x => new SKColor(50, (byte)x, 50), SKEncodedImageFormat.Jpeg);

        Assert.Equal((PhotoCheck.PhotoFormat.Png, 120, 80), PhotoCheck.Validate("a.png", png, Limits));
        Assert.Equal((PhotoCheck.PhotoFormat.Jpeg, 90, 70), PhotoCheck.Validate("b.jpg", jpeg, Limits));
    }

    [Fact]
    public void Validate_TextNamedJpg_IsRefusedByContent()
    {
        var error = Assert.Throws<PhotoRejectedException>(() => PhotoCheck.Validate("notes.jpg", "hello, not a photo"u8, Limits));
        Assert.Equal("notes.jpg", error.FileName);
        Assert.Contains("not a JPEG or PNG", error.Reason);
    }

    [Fact]
    public void Validate_TruncatedJpeg_IsRefused()
    {
        var jpeg = SyntheticImages.Encode(200, 150, x => new SKColor((byte)x, (byte)(x * 3), 9), SKEncodedImageFormat.Jpeg);
        var error = Assert.Throws<PhotoRejectedException>(() => PhotoCheck.Validate("cut.jpg", jpeg.AsSpan(0, jpeg.Length / 3), Limits));
        Assert.Equal("cut.jpg", error.FileName);
    }

    [Fact]
    public void Validate_TooSmallOrClaimingTooManyPixels_IsRefusedWithTheSize()
    {
        var tiny = SyntheticImages.Encode(40, 30, _ => SKColors.Gray, SKEncodedImageFormat.Png);
        Assert.Contains("40x30", Assert.Throws<PhotoRejectedException>(() => PhotoCheck.Validate("tiny.png", tiny, Limits)).Reason);
        var huge = SyntheticImages.PngHeaderClaiming(65535, 65535);
        Assert.Contains("65535x65535", Assert.Throws<PhotoRejectedException>(() => PhotoCheck.Validate("bomb.png", huge, Limits)).Reason);
    }

    [Fact]
    public void Validate_OverTheFileSizeLimit_IsRefusedBeforeDecoding()
    {
        var error = Assert.Throws<PhotoRejectedException>(() => PhotoCheck.Validate("big.jpg", new byte[200_001], Limits));
        Assert.Contains("200,000", error.Reason);
    }
}
