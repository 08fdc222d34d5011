using System.Collections.Generic;
using NanoTcp.Firmware;

namespace NanoTcp.Firmware.Tests.Harness
{
    /// <summary>A host <see cref="IFirmwarePlatform"/> that records log lines and reboot requests.</summary>
    public sealed class TestPlatform : IFirmwarePlatform, ILinkStatus
    {
        public List<string> LogLines { get; } = new List<string>();

        public int Reboots { get; private set; }

        public bool RebootSupported { get; set; }

        public string BoardName => "test board";

        public long BootTimeMs { get; set; }

        public bool CanReboot => RebootSupported;

        public ILinkStatus LinkStatus => this;

        public string DriverName => "memory wire";

        public bool FullDuplex => true;

        public int SpeedMbps => 10;

        public int CounterCount => 1;

        public long FramesSeen { get; set; }

        public void Log(string line) => LogLines.Add(line);

        public void Reboot() => Reboots++;

        public bool GetMemoryInfo(out uint totalBytes, out uint freeBytes, out uint largestFreeBlock)
        {
            totalBytes = 100000;
            freeBytes = 60000;
            largestFreeBlock = 30000;
            return true;
        }

        public string CounterName(int index) => "wire_frames";

        public long CounterValue(int index) => FramesSeen;
    }
}
