// Makes TorchSharp's native shim loadable on hosts whose libstdc++ predates GCC 13 (Debian 12).
//
// libLibTorchSharp.so asks for GLIBCXX_3.4.32 for a single symbol (_ZSt21ios_base_library_initv)
// that no relocation uses. Marking that one version requirement WEAK in .gnu.version_r lets glibc's
// loader accept the library with a warning instead of refusing it. libtorch itself needs only
// GLIBCXX_3.4.26. See shared/notes/torchsharp-on-debian12.md.
//
// This file is compiled twice: as an MSBuild inline task (Directory.Build.targets runs it after every
// build and publish) and into CreativeGen.Ml (CREATIVEGEN_RUNTIME), where `creativegen doctor` uses it
// to report what it finds.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace CreativeGen.Build
{
    public enum PatchOutcome { NotNeeded, AlreadyWeak, Patched, RequirementAbsent }

    public static class LibTorchSharpPatcher
    {
        public const string MissingVersion = "GLIBCXX_3.4.32";
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlagWeak = 0x2;

        private static readonly string[] LibStdCxxCandidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        };

        /// <summary>The host's libstdc++ path, or null where none is found (then nothing is patched).</summary>
        public static string? FindHostLibStdCxx()
        {
            foreach (var candidate in LibStdCxxCandidates)
                if (File.Exists(candidate)) return candidate;
            return null;
        }

        /// <summary>True when the host's libstdc++ lacks the version libLibTorchSharp.so asks for.</summary>
        public static bool HostNeedsPatch()
        {
            var libStdCxx = FindHostLibStdCxx();
            if (libStdCxx == null) return false;
            return IndexOf(File.ReadAllBytes(libStdCxx), Encoding.ASCII.GetBytes(MissingVersion + "\0")) < 0;
        }

        /// <summary>Reads the state of the GLIBCXX_3.4.32 requirement without changing the file.</summary>
        public static PatchOutcome Inspect(string libraryPath)
        {
            var image = File.ReadAllBytes(libraryPath);
            var flagsOffset = FindRequirementFlagsOffset(image, MissingVersion);
            if (flagsOffset < 0) return PatchOutcome.RequirementAbsent;
            return (ReadU16(image, flagsOffset) & VerFlagWeak) != 0 ? PatchOutcome.AlreadyWeak : PatchOutcome.NotNeeded;
        }

        /// <summary>
        /// Marks the GLIBCXX_3.4.32 requirement weak. Writes a sibling temp file and renames it over the
        /// original, so a build output that is a hard link into the NuGet cache gets a new inode and the
        /// cache is never modified.
        /// </summary>
        public static PatchOutcome Patch(string libraryPath)
        {
            var image = File.ReadAllBytes(libraryPath);
            var flagsOffset = FindRequirementFlagsOffset(image, MissingVersion);
            if (flagsOffset < 0) return PatchOutcome.RequirementAbsent;
            var flags = ReadU16(image, flagsOffset);
            if ((flags & VerFlagWeak) != 0) return PatchOutcome.AlreadyWeak;

            WriteU16(image, flagsOffset, (ushort)(flags | VerFlagWeak));
            var temp = libraryPath + ".patching";
            File.WriteAllBytes(temp, image);
            File.Replace(temp, libraryPath, destinationBackupFileName: null);
            return PatchOutcome.Patched;
        }

        /// <summary>Every libLibTorchSharp.so under a build output folder (runtimes/*/native and TorchSharp's cpu/ folder).</summary>
        public static IEnumerable<string> FindLibraries(string outputDirectory)
        {
            if (!Directory.Exists(outputDirectory)) return Array.Empty<string>();
            return Directory.GetFiles(outputDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories);
        }

        // Walks ELF64 section headers to .gnu.version_r, then its Verneed/Vernaux chains, and returns the
        // file offset of vna_flags for the named version, or -1.
        private static long FindRequirementFlagsOffset(byte[] image, string versionName)
        {
            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (image[4] != 2 || image[5] != 1)
                throw new InvalidDataException("only little-endian ELF64 is supported");

            var sectionTable = (long)ReadU64(image, 0x28);
            int entrySize = ReadU16(image, 0x3A), sectionCount = ReadU16(image, 0x3C);
            for (var i = 0; i < sectionCount; i++)
            {
                var header = sectionTable + (long)i * entrySize;
                if (ReadU32(image, header + 4) != ShtGnuVerneed) continue;

                var verneed = (long)ReadU64(image, header + 24);
                var stringSectionHeader = sectionTable + (long)ReadU32(image, header + 40) * entrySize;
                var strings = (long)ReadU64(image, stringSectionHeader + 24);
                var needCount = ReadU32(image, header + 44);
                for (var n = 0; n < needCount; n++)
                {
                    int auxCount = ReadU16(image, verneed + 2);
                    var aux = verneed + ReadU32(image, verneed + 8);
                    for (var a = 0; a < auxCount; a++)
                    {
                        if (ReadCString(image, strings + ReadU32(image, aux + 8)) == versionName) return aux + 4;
                        aux += ReadU32(image, aux + 12);
                    }
                    verneed += ReadU32(image, verneed + 12);
                }
            }
            return -1;
        }

        private static ushort ReadU16(byte[] b, long o) => (ushort)(b[o] | b[o + 1] << 8);
        private static uint ReadU32(byte[] b, long o) => (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24);
        private static ulong ReadU64(byte[] b, long o) => ReadU32(b, o) | (ulong)ReadU32(b, o + 4) << 32;
        private static void WriteU16(byte[] b, long o, ushort v) { b[o] = (byte)v; b[o + 1] = (byte)(v >> 8); }

        private static string ReadCString(byte[] b, long o)
        {
            var end = o;
            while (end < b.Length && b[end] != 0) end++;
            return Encoding.ASCII.GetString(b, (int)o, (int)(end - o));
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (var i = 0; i <= haystack.Length - needle.Length; i++)
            {
                var j = 0;
                while (j < needle.Length && haystack[i + j] == needle[j]) j++;
                if (j == needle.Length) return i;
            }
            return -1;
        }
    }

#if !CREATIVEGEN_RUNTIME
    /// <summary>MSBuild task: patches every libLibTorchSharp.so under OutputDirectory when the host needs it.</summary>
    public sealed class PatchLibTorchSharp : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public string OutputDirectory { get; set; } = "";

        public override bool Execute()
        {
            if (!LibTorchSharpPatcher.HostNeedsPatch()) return true;
            foreach (var library in LibTorchSharpPatcher.FindLibraries(OutputDirectory))
            {
                var outcome = LibTorchSharpPatcher.Patch(library);
                if (outcome == PatchOutcome.Patched)
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                        "Marked " + LibTorchSharpPatcher.MissingVersion + " weak in " + library);
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
