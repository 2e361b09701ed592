using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Landscapes.Sampling;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Tests.Common;

public sealed class TorchDeviceTests
{
    public TorchDeviceTests() => TorchRuntime.Initialize();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cpu")]
    [InlineData(" CPU ")]
    public void Resolve_NothingOrCpu_IsTheCpu_WithoutAskingForGpus(string? requested)
    {
        var device = TorchDevice.Resolve(requested, cudaBuild: true, () => throw new InvalidOperationException("asked for GPUs"));

        Assert.Equal(DeviceType.CPU, device.type);
    }

    [Theory]
    [InlineData("cuda", 1, 0)]
    [InlineData("cuda:1", 2, 1)]
    public void Resolve_CudaInACudaBuildWithGpus_IsThatGpu(string requested, int gpus, int expectedIndex)
    {
        var device = TorchDevice.Resolve(requested, cudaBuild: true, () => gpus);

        Assert.Equal(DeviceType.CUDA, device.type);
        Assert.Equal(expectedIndex, device.index);
        Assert.Equal($"cuda:{expectedIndex}", TorchDevice.Describe(device));
    }

    [Theory]
    [InlineData("cuda", false, 1, "this build links the CPU-only libtorch")]
    [InlineData("cuda", true, 0, "libtorch sees none")]
    [InlineData("cuda:2", true, 2, "there are only 2 GPU(s)")]
    [InlineData("tpu", true, 1, "is not a device: use cpu, cuda or cuda:N")]
    [InlineData("cuda:-1", true, 1, "is not a device")]
    public void Resolve_ADeviceThatIsNotThere_IsAClearErrorNamingTheSetting(string requested, bool cudaBuild, int gpus, string reason)
    {
        var error = Assert.Throws<TorchDeviceException>(() => TorchDevice.Resolve(requested, cudaBuild, () => gpus));

        Assert.StartsWith($"{TorchDevice.Variable}='{requested}'", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Configure_CudaOnThisCpuBuild_Throws_AndLeavesTheCpuInPlace()
    {
        Assert.False(TorchDevice.CudaBuild); // tests run the default build
        Assert.Throws<TorchDeviceException>(() => TorchDevice.Configure("cuda"));

        Assert.Equal(DeviceType.CPU, TorchDevice.Current.type);
        Assert.Equal("cpu", TorchDevice.Name);
    }

    [Fact]
    public void LoadedModelAndItsInputs_LiveOnTheConfiguredDevice()
    {
        using var model = LandscapeModelLoader.LoadModel(DefaultModels.LandscapePath);
        using var scope = torch.NewDisposeScope();
        var latent = LatentSampler.FromSeed(7, model.Network.Options.LatentSize);
        var oneHot = model.Network.OneHot(TorchDevice.Place(torch.tensor(new long[] { 0 })));

        Assert.All(model.Network.parameters(), p => Assert.Equal(TorchDevice.Current.type, p.device_type));
        Assert.All(model.Network.buffers(), b => Assert.Equal(TorchDevice.Current.type, b.device_type));
        Assert.Equal(TorchDevice.Current.type, latent.device_type);
        var image = GeneratorSampling.Run(model.Network, latent.unsqueeze(0), oneHot);
        Assert.Equal(TorchDevice.Current.type, image.device_type);
        Assert.Single(ImageTensors.ToRgb(image)); // read back on the host
    }
}
