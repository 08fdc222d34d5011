using System;
using System.Collections.Generic;
using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Tests.Harness
{
    /// <summary>One chip-select window as the driver issued it.</summary>
    internal readonly struct SpiTransaction
    {
        public SpiTransaction(byte opcode, int count, long timeNanoseconds)
        {
            Opcode = opcode;
            Count = count;
            TimeNanoseconds = timeNanoseconds;
        }

        public byte Opcode { get; }

        public int Count { get; }

        public long TimeNanoseconds { get; }
    }

    /// <summary>
    /// Sits between the driver and the emulated chip: records every chip-select window and lets a test act just
    /// before one is delivered (to inject a frame "while the driver is busy", or to check chip state).
    /// </summary>
    internal sealed class SpyBus : ISpiBus
    {
        private readonly Enc28j60Chip _chip;

        public SpyBus(Enc28j60Chip chip)
        {
            _chip = chip;
        }

        public List<SpiTransaction> Transactions { get; } = new List<SpiTransaction>();

        /// <summary>Keep a record of each transaction (off for long soaks).</summary>
        public bool Record { get; set; } = true;

        public long Count { get; private set; }

        /// <summary>Called with (opcode, argument byte) before the transaction reaches the chip.</summary>
        public Action<byte, byte> BeforeTransaction { get; set; }

        public void TransferFullDuplex(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            byte opcode = write[writeOffset];
            BeforeTransaction?.Invoke(opcode, count > 1 ? write[writeOffset + 1] : (byte)0);
            Count++;
            if (Record)
            {
                Transactions.Add(new SpiTransaction(opcode, count, _chip.NowNanoseconds));
            }

            _chip.TransferFullDuplex(write, writeOffset, read, readOffset, count);
        }
    }
}
