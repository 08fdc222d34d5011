// Facade of nanoFramework.System.Device.Spi 1.3.89 (complete: the package is small).
namespace System.Device.Spi
{
    public enum DataFlow { MsbFirst = 0, LsbFirst = 1 }

    public enum SpiBusConfiguration { FullDuplex = 0, HalfDuplex = 1, Simplex = 2 }

    public enum SpiMode { Mode0 = 0, Mode1 = 1, Mode2 = 2, Mode3 = 3 }

    public enum SpiSharingMode { Exclusive = 0, Shared = 1 }

    public sealed class SpiBusInfo
    {
        internal SpiBusInfo() { }
        public int MaxClockFrequency => throw null;
        public int MinClockFrequency => throw null;
    }

    public sealed class SpiConnectionSettings
    {
        public SpiConnectionSettings(int busId, int chipSelectLine = -1) { }
        public int BusId { get => throw null; set => throw null; }
        public int ChipSelectLine { get => throw null; set => throw null; }
        public System.Device.Gpio.PinValue ChipSelectLineActiveState { get => throw null; set => throw null; }
        public int ClockFrequency { get => throw null; set => throw null; }
        public SpiBusConfiguration Configuration { get => throw null; set => throw null; }
        public int DataBitLength { get => throw null; set => throw null; }
        public DataFlow DataFlow { get => throw null; set => throw null; }
        public SpiMode Mode { get => throw null; set => throw null; }
    }

    public class SpiDevice : IDisposable
    {
        public SpiDevice(SpiConnectionSettings settings) { }
        public SpiConnectionSettings ConnectionSettings => throw null;
        public static SpiDevice Create(SpiConnectionSettings settings) => throw null;
        protected void Dispose(bool disposing) => throw null;
        public void Dispose() => throw null;
        public static SpiBusInfo GetBusInfo(int busId) => throw null;
        public void Read(SpanByte buffer) => throw null;
        public void Read(ushort[] buffer) => throw null;
        public byte ReadByte() => throw null;
        public void TransferFullDuplex(SpanByte writeBuffer, SpanByte readBuffer) => throw null;
        public void TransferFullDuplex(ushort[] writeBuffer, ushort[] readBuffer) => throw null;
        public void Write(SpanByte buffer) => throw null;
        public void Write(ushort[] buffer) => throw null;
        public void WriteByte(byte value) => throw null;
        ~SpiDevice() { }
    }

    public class SpiDeviceAlreadyInUseException : Exception
    {
        public override string ToString() => throw null;
    }
}
