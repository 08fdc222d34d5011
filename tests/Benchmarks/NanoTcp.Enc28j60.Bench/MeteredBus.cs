using System;
using System.Diagnostics;
using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Bench
{
    /// <summary>
    /// Forwards every transaction to the emulated chip and keeps what the chip costs apart from what the driver
    /// costs: time and bytes allocated inside the emulator are subtracted from the driver's figures.
    /// </summary>
    internal sealed class MeteredBus : ISpiBus
    {
        private readonly Enc28j60Chip _chip;

        public MeteredBus(Enc28j60Chip chip)
        {
            _chip = chip;
        }

        public long EmulatorTicks { get; private set; }

        public long EmulatorAllocatedBytes { get; private set; }

        public void TransferFullDuplex(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            _chip.TransferFullDuplex(write, writeOffset, read, readOffset, count);
            Charge(start, allocated);
        }

        /// <summary>Lets virtual time pass on the chip (the driver's delays), charged to the emulator.</summary>
        public void AdvanceTime(long microseconds)
        {
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            _chip.AdvanceTime(microseconds);
            Charge(start, allocated);
        }

        private void Charge(long start, long allocated)
        {
            EmulatorTicks += Stopwatch.GetTimestamp() - start;
            EmulatorAllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
        }
    }
}
