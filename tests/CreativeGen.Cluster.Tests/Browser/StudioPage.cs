using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace CreativeGen.Cluster.Tests.Browser;

/// <summary>What the tests do on the studio page: find, click, wait for a condition, run a script, take a screenshot.</summary>
public sealed class StudioPage(ChromeDriver driver, string screenshotDirectory)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public IWebElement Find(string css) => driver.FindElement(By.CssSelector(css));

    public IReadOnlyList<IWebElement> FindAll(string css) => driver.FindElements(By.CssSelector(css));

    public void Open(string url) => driver.Navigate().GoToUrl(url);

    public void Click(string css) => Find(css).Click();

    public object? Script(string script, params object[] arguments) => driver.ExecuteScript(script, arguments);

    /// <summary>Runs an async function body; its result is what the body returns (errors come back as a message).</summary>
    public T AsyncScript<T>(string body, params object[] arguments)
    {
        var result = driver.ExecuteAsyncScript(
            "const done = arguments[arguments.length - 1]; const args = [...arguments].slice(0, -1);" +
            $"(async () => {{ {body} }})().then(done, e => done({{ failure: String(e && e.stack || e) }}));", arguments);
        if (result is IDictionary<string, object> { } map && map.TryGetValue("failure", out var failure)) throw new Xunit.Sdk.XunitException($"page script failed: {failure}");
        return (T)result!;
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails early with the page's error message if it shows one (and the condition still fails).</summary>
    public void WaitFor(string what, Func<bool> condition, TimeSpan? patience = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (patience ?? Patience))
        {
            try
            {
                if (condition()) return;
            }
            catch (StaleElementReferenceException)
            {
            }
            catch (NoSuchElementException)
            {
            }
            if (ErrorShown() is { } error && !condition()) throw new Xunit.Sdk.XunitException($"waiting for {what}, the page showed an error: {error}");
            Thread.Sleep(100);
        }
        throw new Xunit.Sdk.XunitException($"timed out after {(patience ?? Patience).TotalSeconds} s waiting for {what}");
    }

    public void WaitForElement(string css) => WaitFor(css, () => FindAll(css).Count > 0 && FindAll(css)[0].Displayed);

    /// <summary>The text of the page's error box, or null while it is hidden.</summary>
    public string? ErrorShown()
    {
        var box = Find("#error");
        return box.Displayed ? box.Text : null;
    }

    /// <summary>Scrolls <paramref name="css"/> to the top of the window and saves a screenshot named <paramref name="name"/>.png.</summary>
    public void Screenshot(string name, string? css = null)
    {
        if (css is not null) Script("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -12);", Find(css));
        driver.GetScreenshot().SaveAsFile(Path.Combine(screenshotDirectory, name + ".png"));
    }
}
