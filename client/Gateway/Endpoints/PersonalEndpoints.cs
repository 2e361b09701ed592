using CreativeGen.Client.Gateway.Auth;
using CreativeGen.Client.Gateway.Errors;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Personal;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreativeGen.Client.Gateway.Endpoints;

/// <summary>
/// /v1/users/{id}/photos and /landscape-models: a user's own photos, and the personal landscape model fine-tuned on
/// them. Landscape requests name it with "model": "personal". The photo upload is the one route allowed a body over
/// the gateway's 64 KiB: its own limit, <see cref="MaxUploadBytes"/>, and at most <see cref="MaxFilesPerUpload"/> files.
/// </summary>
public static class PersonalEndpoints
{
    public const long MaxUploadBytes = 48L * 1024 * 1024;
    public const int MaxFilesPerUpload = 50;

    public static IEndpointRouteBuilder MapPersonalEndpoints(this IEndpointRouteBuilder routes)
    {
        var user = routes.MapGroup("/v1/users/{id}").RequireOwnKey().RequireRateLimiting(GatewayApplication.PerKeyPolicy).WithTags("Personal landscapes")
            .ProducesApiProblems();
        user.MapPost("/photos", UploadAsync).WithName("UploadPhotos").DisableAntiforgery()
            .WithSummary($"Stores photos (multipart/form-data, JPEG or PNG, up to {MaxFilesPerUpload} files and {MaxUploadBytes / (1024 * 1024)} MiB a request). One bad file refuses the upload, naming it; nothing of it is stored.")
            .Accepts<IFormFileCollection>("multipart/form-data").ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        user.MapGet("/photos", GetPhotosAsync).WithName("GetPhotos").WithSummary("The user's stored photos.");
        user.MapDelete("/photos", DeletePhotosAsync).WithName("DeletePhotos").WithSummary("Deletes every stored photo.");
        user.MapPost("/landscape-models", StartAsync).WithName("StartPersonalModel")
            .WithSummary("Fine-tunes the landscape model on the user's photos (body optional: {\"cpuMinutes\": n}, default 10); GET shows progress.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        user.MapGet("/landscape-models", GetModelAsync).WithName("GetPersonalModel")
            .WithSummary("Progress of the fine-tune, and once Ready the version that landscape requests with \"model\": \"personal\" use.");
        user.MapDelete("/landscape-models", DeleteModelAsync).WithName("DeletePersonalModel")
            .WithSummary("Stops a running fine-tune and deletes the personal model and every version of it (its recipes then answer 410).");
        return routes;
    }

    private static async Task<Results<Ok<PersonalPhotos>, ProblemHttpResult>> UploadAsync(string id, HttpContext context, IGrainFactory grains)
    {
        // Only this route reads more than the gateway's 64 KiB; the authentication middleware has not read the body.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxUploadBytes;
        if (!context.Request.HasFormContentType)
            throw GenerationRequestException.Invalid("photos", "Send the photos as multipart/form-data file fields.");
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxUploadBytes, ValueCountLimit = MaxFilesPerUpload + 8 }, context.RequestAborted);
        }
        catch (Exception error) when (error is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            || (error is InvalidDataException && error.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large",
                detail: $"An upload may hold at most {MaxUploadBytes / (1024 * 1024)} MiB; send the photos in several requests. Nothing was stored.");
        }
        if (form.Files.Count > MaxFilesPerUpload)
            throw GenerationRequestException.Invalid("photos", $"{form.Files.Count} files in one upload; at most {MaxFilesPerUpload}. Nothing was stored.");
        var uploads = new List<PhotoUpload>(form.Files.Count);
        foreach (var file in form.Files)
        {
            using var bytes = new MemoryStream((int)file.Length);
            await file.CopyToAsync(bytes, context.RequestAborted);
            uploads.Add(new PhotoUpload(string.IsNullOrWhiteSpace(file.FileName) ? file.Name : file.FileName, bytes.ToArray()));
        }
        return TypedResults.Ok(await grains.GetGrain<IPersonalLandscapeGrain>(id).AddPhotosAsync([.. uploads]));
    }

    private static async Task<Ok<PersonalPhotos>> GetPhotosAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPersonalLandscapeGrain>(id).GetPhotosAsync());

    private static async Task<Ok<PersonalPhotos>> DeletePhotosAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPersonalLandscapeGrain>(id).DeletePhotosAsync());

    private static async Task<Accepted<PersonalModelStatus>> StartAsync(string id, PersonalTrainingRequest? request, IGrainFactory grains) =>
        TypedResults.Accepted($"/v1/users/{id}/landscape-models", await grains.GetGrain<IPersonalLandscapeGrain>(id).StartTrainingAsync(request ?? new PersonalTrainingRequest()));

    private static async Task<Ok<PersonalModelStatus>> GetModelAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPersonalLandscapeGrain>(id).GetStatusAsync());

    private static async Task<Ok<PersonalModelStatus>> DeleteModelAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPersonalLandscapeGrain>(id).DeleteModelAsync());
}
