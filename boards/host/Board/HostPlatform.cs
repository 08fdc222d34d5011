using System;
using System.IO;
using NanoTcp.Firmware;

namespace NanoTcp.VirtualBoard.Board
{
    /// <summary>
    /// <see cref="IFirmwarePlatform"/> for the host: logs go to a text writer, the clock starts at 0 when the
    /// board boots, memory figures come from the .NET GC, and <c>reboot</c> is not possible.
    /// </summary>
    public sealed class HostPlatform : IFirmwarePlatform
    {
        private readonly TextWriter _log;

        /// <summary>Creates the platform; <paramref name="log"/> may be null (no log).</summary>
        public HostPlatform(string boardName, TextWriter log, ILinkStatus linkStatus)
        {
            BoardName = boardName;
            _log = log;
            LinkStatus = linkStatus;
        }

        /// <inheritdoc />
        public string BoardName { get; }

        /// <inheritdoc />
        public long BootTimeMs => 0;

        /// <inheritdoc />
        public bool CanReboot => false;

        /// <inheritdoc />
        public ILinkStatus LinkStatus { get; }

        /// <inheritdoc />
        public void Log(string line)
        {
            _log?.WriteLine(line);
        }

        /// <inheritdoc />
        public void Reboot()
        {
        }

        /// <inheritdoc />
        public bool GetMemoryInfo(out uint totalBytes, out uint freeBytes, out uint largestFreeBlock)
        {
            GCMemoryInfo info = GC.GetGCMemoryInfo();
            long heap = info.HeapSizeBytes;
            long used = GC.GetTotalMemory(false);
            totalBytes = (uint)Math.Min(heap, uint.MaxValue);
            freeBytes = (uint)Math.Max(0, Math.Min(heap - used, uint.MaxValue));
            largestFreeBlock = freeBytes;
            return true;
        }
    }
}
