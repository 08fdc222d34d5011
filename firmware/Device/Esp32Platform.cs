using System;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Runtime.Native;

namespace NanoTcp.Firmware.Device
{
    /// <summary>
    /// <see cref="IFirmwarePlatform"/> on the ESP32: the log is the debug output (Console.WriteLine reaches the
    /// Visual Studio output window and the serial monitor in Debug and Release builds alike), the clock is
    /// <c>Environment.TickCount64</c> (so boot time 0), memory comes from the ESP-IDF heap, reboot is
    /// <c>Power.RebootDevice</c>.
    /// </summary>
    public sealed class Esp32Platform : IFirmwarePlatform
    {
        /// <summary>Creates the platform for <paramref name="boardName"/> with the driver's status adapter.</summary>
        public Esp32Platform(string boardName, ILinkStatus linkStatus)
        {
            BoardName = boardName;
            LinkStatus = linkStatus;
        }

        /// <inheritdoc />
        public string BoardName { get; }

        /// <inheritdoc />
        public long BootTimeMs => 0;

        /// <inheritdoc />
        public bool CanReboot => true;

        /// <inheritdoc />
        public ILinkStatus LinkStatus { get; }

        /// <inheritdoc />
        public void Log(string line)
        {
            Console.WriteLine(line);
        }

        /// <inheritdoc />
        public void Reboot()
        {
            Power.RebootDevice();
        }

        /// <inheritdoc />
        public bool GetMemoryInfo(out uint totalBytes, out uint freeBytes, out uint largestFreeBlock)
        {
            NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.All, out totalBytes, out freeBytes, out largestFreeBlock);
            return true;
        }
    }
}
