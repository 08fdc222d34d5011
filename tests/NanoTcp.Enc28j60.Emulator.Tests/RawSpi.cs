using System;
using System.Collections.Generic;
using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Emulator.Tests
{
    /// <summary>Register addresses as the tests use them (bank, address), written from ENC28J60 facts §2 independently
    /// of the emulator's own table.</summary>
    internal static class A
    {
        public const int ERDPTL = 0x00, EWRPTL = 0x02, ETXSTL = 0x04, ETXNDL = 0x06, ERXSTL = 0x08, ERXNDL = 0x0A;
        public const int ERXRDPTL = 0x0C, ERXRDPTH = 0x0D, ERXWRPTL = 0x0E;
        public const int EDMASTL = 0x10, EDMANDL = 0x12, EDMADSTL = 0x14, EDMACSL = 0x16, EDMACSH = 0x17;
        public const int EHT0 = 0x00, EPMM0 = 0x08, EPMCSL = 0x10, EPMCSH = 0x11, EPMOL = 0x14, ERXFCON = 0x18, EPKTCNT = 0x19;
        public const int MACON1 = 0x00, MACON3 = 0x02, MACON4 = 0x03, MABBIPG = 0x04, MAIPGL = 0x06, MAIPGH = 0x07;
        public const int MACLCON1 = 0x08, MACLCON2 = 0x09, MAMXFLL = 0x0A, MAMXFLH = 0x0B;
        public const int MICMD = 0x12, MIREGADR = 0x14, MIWRL = 0x16, MIWRH = 0x17, MIRDL = 0x18, MIRDH = 0x19;
        public const int MAADR5 = 0x00, MAADR6 = 0x01, MAADR3 = 0x02, MAADR4 = 0x03, MAADR1 = 0x04, MAADR2 = 0x05;
        public const int MISTAT = 0x0A, EREVID = 0x12, ECOCON = 0x15, EPAUSL = 0x18, EPAUSH = 0x19;
        public const int EIE = 0x1B, EIR = 0x1C, ESTAT = 0x1D, ECON2 = 0x1E, ECON1 = 0x1F;

        public const byte TXRST = 0x80, RXRST = 0x40, DMAST = 0x20, CSUMEN = 0x10, TXRTS = 0x08, RXEN = 0x04;
        public const byte PKTIF = 0x40, DMAIF = 0x20, LINKIF = 0x10, TXIF = 0x08, TXERIF = 0x02, RXERIF = 0x01;
        public const byte INTIE = 0x80, PKTIE = 0x40, LINKIE = 0x10, TXIE = 0x08;
        public const byte AUTOINC = 0x80, PKTDEC = 0x40, PWRSV = 0x20;
        public const byte CLKRDY = 0x01, TXABRT = 0x02, LATECOL = 0x10, ESTAT_INT = 0x80;
        public const byte BUSY = 0x01, SCAN = 0x02, NVALID = 0x04;

        public const int PHCON1 = 0x00, PHSTAT1 = 0x01, PHID1 = 0x02, PHID2 = 0x03, PHCON2 = 0x10, PHSTAT2 = 0x11;
        public const int PHIE = 0x12, PHIR = 0x13, PHLCON = 0x14;
    }

    /// <summary>Collects what the chip puts on the wire.</summary>
    internal sealed class CaptureWire : IEthernetWire
    {
        public readonly List<byte[]> Frames = new List<byte[]>();

        public void Send(byte[] frame, int offset, int length)
        {
            var copy = new byte[length];
            Array.Copy(frame, offset, copy, 0, length);
            Frames.Add(copy);
        }
    }

    /// <summary>Drives the chip with raw SPI byte sequences, one instruction per chip-select window.</summary>
    internal sealed class RawSpi
    {
        public int RxEnd = 0x17FF;
        public const int TxStart = 0x1800;
        public static readonly byte[] Mac = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };

        public readonly Enc28j60Chip Chip;
        public readonly CaptureWire Wire = new CaptureWire();
        public int NextPacket;

        public RawSpi(Enc28j60ChipOptions options)
        {
            Chip = new Enc28j60Chip(options);
            Chip.Wire = Wire;
        }

        /// <summary>An ideal chip past its oscillator start-up time.</summary>
        public static RawSpi Powered(bool strict = true)
        {
            var spi = new RawSpi(Ideal(strict));
            spi.Chip.AdvanceTime(400);
            return spi;
        }

        /// <summary>An ideal chip initialised per §7.</summary>
        public static RawSpi Initialised(bool strict = true, int rxEnd = 0x17FF)
        {
            var spi = new RawSpi(Ideal(strict)) { RxEnd = rxEnd };
            spi.Init();
            return spi;
        }

        public static Enc28j60ChipOptions Ideal(bool strict = true)
        {
            var o = Enc28j60ChipOptions.Ideal();
            o.Strict = strict;
            o.InstantTransmit = false;
            return o;
        }

        public byte[] Transfer(params byte[] bytes)
        {
            var read = new byte[bytes.Length];
            Chip.TransferFullDuplex(bytes, 0, read, 0, bytes.Length);
            return read;
        }

        public byte Rcr(int address) => Transfer((byte)address, 0)[1];

        public byte RcrMac(int address) => Transfer((byte)address, 0, 0)[2];

        public void Wcr(int address, byte value) => Transfer((byte)(0x40 | address), value);

        public void Bfs(int address, byte mask) => Transfer((byte)(0x80 | address), mask);

        public void Bfc(int address, byte mask) => Transfer((byte)(0xA0 | address), mask);

        public void Src() => Transfer(0xFF);

        public void Bank(int bank)
        {
            Bfc(A.ECON1, 0x03);
            if (bank != 0)
            {
                Bfs(A.ECON1, (byte)bank);
            }
        }

        public byte Read(int bank, int address, bool mac = false)
        {
            Bank(bank);
            return mac ? RcrMac(address) : Rcr(address);
        }

        public void Write(int bank, int address, byte value)
        {
            Bank(bank);
            Wcr(address, value);
        }

        public void Write16(int bank, int lowAddress, int value)
        {
            Bank(bank);
            Wcr(lowAddress, (byte)value);
            Wcr(lowAddress + 1, (byte)(value >> 8));
        }

        public int Read16(int bank, int lowAddress)
        {
            Bank(bank);
            return Rcr(lowAddress) | (Rcr(lowAddress + 1) << 8);
        }

        public byte[] Rbm(int count)
        {
            var bytes = new byte[count + 1];
            bytes[0] = 0x3A;
            var read = Transfer(bytes);
            var data = new byte[count];
            Array.Copy(read, 1, data, 0, count);
            return data;
        }

        public void Wbm(params byte[] data)
        {
            var bytes = new byte[data.Length + 1];
            bytes[0] = 0x7A;
            Array.Copy(data, 0, bytes, 1, data.Length);
            Transfer(bytes);
        }

        public void WaitMiiIdle()
        {
            Chip.AdvanceTime(11);
            for (int i = 0; i < 100 && (RcrMac(A.MISTAT) & A.BUSY) != 0; i++)
            {
                Chip.AdvanceTime(1);
            }
        }

        public ushort ReadPhy(int register)
        {
            Bank(2);
            Wcr(A.MIREGADR, (byte)register);
            Wcr(A.MICMD, 0x01);
            Bank(3);
            WaitMiiIdle();
            Bank(2);
            Wcr(A.MICMD, 0x00);
            return (ushort)(RcrMac(A.MIRDL) | (RcrMac(A.MIRDH) << 8));
        }

        public void WritePhy(int register, ushort value)
        {
            Bank(2);
            Wcr(A.MIREGADR, (byte)register);
            Wcr(A.MIWRL, (byte)value);
            Wcr(A.MIWRH, (byte)(value >> 8));
            Bank(3);
            WaitMiiIdle();
        }

        /// <summary>Initialisation per ENC28J60 facts §7 (ring 0x0000–RxEnd, TX at TxStart).</summary>
        public void Init(bool fullDuplex = true, byte filter = 0xA1)
        {
            Chip.AdvanceTime(1000);
            Src();
            Chip.AdvanceTime(2000);
            Wcr(A.ECON1, 0x00);
            Write16(0, A.ERXSTL, 0);
            Write16(0, A.ERXNDL, RxEnd);
            Write16(0, A.ERXRDPTL, RxEnd);
            Write16(0, A.ERDPTL, 0);
            Write16(0, A.ETXSTL, TxStart);
            NextPacket = 0;
            Write(1, A.ERXFCON, filter);
            Write(2, A.MACON1, 0x0D);
            Wcr(A.MACON3, (byte)(fullDuplex ? 0x33 : 0x32));
            Wcr(A.MACON4, (byte)(fullDuplex ? 0x00 : 0x40));
            Wcr(A.MAMXFLL, 0xEE);
            Wcr(A.MAMXFLH, 0x05);
            Wcr(A.MABBIPG, (byte)(fullDuplex ? 0x15 : 0x12));
            Wcr(A.MAIPGL, 0x12);
            Wcr(A.MAIPGH, 0x0C);
            Write(3, A.MAADR1, Mac[0]);
            Wcr(A.MAADR2, Mac[1]);
            Wcr(A.MAADR3, Mac[2]);
            Wcr(A.MAADR4, Mac[3]);
            Wcr(A.MAADR5, Mac[4]);
            Wcr(A.MAADR6, Mac[5]);
            WritePhy(A.PHCON1, (ushort)(fullDuplex ? 0x0100 : 0x0000));
            WritePhy(A.PHCON2, (ushort)(fullDuplex ? 0x0000 : 0x0100));
            Bank(0);
            Bfc(A.EIR, 0xFF);
            Bfs(A.ECON1, A.RXEN);
        }

        /// <summary>Reads the packet at NextPacket per §5.2 and frees it (odd ERXRDPT, PKTDEC).</summary>
        public Packet ReadPacket()
        {
            Write16(0, A.ERDPTL, NextPacket);
            var header = Rbm(6);
            var packet = new Packet
            {
                Start = NextPacket,
                Next = header[0] | (header[1] << 8),
                ByteCount = header[2] | (header[3] << 8),
                Status = (uint)(header[4] | (header[5] << 8)) << 16,
            };
            packet.Data = Rbm(packet.ByteCount);
            NextPacket = packet.Next;
            int free = NextPacket == 0 ? RxEnd : NextPacket - 1;
            Write16(0, A.ERXRDPTL, free);
            Bfs(A.ECON2, A.PKTDEC);
            return packet;
        }

        /// <summary>Transmit per §6.2 (TXRST toggle, clear TXIF/TXERIF, TXRTS).</summary>
        public void StartSend(byte[] frame, byte control = 0x00, bool toggleReset = true)
        {
            Write16(0, A.EWRPTL, TxStart);
            var bytes = new byte[frame.Length + 1];
            bytes[0] = control;
            Array.Copy(frame, 0, bytes, 1, frame.Length);
            Wbm(bytes);
            Write16(0, A.ETXNDL, TxStart + frame.Length);
            if (toggleReset)
            {
                Bfs(A.ECON1, A.TXRST);
                Bfc(A.ECON1, A.TXRST);
            }

            Bfc(A.EIR, A.TXIF | A.TXERIF);
            Bfs(A.ECON1, A.TXRTS);
        }

        /// <summary>Polls ECON1.TXRTS (bounded) while letting virtual time pass.</summary>
        public bool WaitTxDone(int maxMicroseconds = 5000)
        {
            for (int t = 0; t < maxMicroseconds; t += 50)
            {
                if ((Rcr(A.ECON1) & A.TXRTS) == 0)
                {
                    return true;
                }

                Chip.AdvanceTime(50);
            }

            return false;
        }

        public byte[] ReadTsv(int frameLength)
        {
            Write16(0, A.ERDPTL, TxStart + frameLength + 1);
            return Rbm(7);
        }

        public static byte[] Frame(int length, byte[] destination, int seed = 7, ushort type = 0x0800)
        {
            var frame = new byte[length];
            var random = new Random(seed);
            random.NextBytes(frame);
            Array.Copy(destination, frame, 6);
            frame[6] = 0x02;
            frame[12] = (byte)(type >> 8);
            frame[13] = (byte)type;
            return frame;
        }

        public static readonly byte[] Broadcast = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };

        /// <summary>Bitwise CRC-32 (IEEE 802.3), written separately from the emulator's table-driven one.</summary>
        public static uint Crc32(byte[] data, int offset, int length)
        {
            uint crc = 0xFFFFFFFF;
            for (int i = 0; i < length; i++)
            {
                crc ^= data[offset + i];
                for (int k = 0; k < 8; k++)
                {
                    crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
                }
            }

            return ~crc;
        }

        /// <summary>The frame followed by its FCS (LSB first).</summary>
        public static byte[] WithFcs(byte[] frame, bool corrupt = false)
        {
            var result = new byte[frame.Length + 4];
            Array.Copy(frame, result, frame.Length);
            uint crc = Crc32(frame, 0, frame.Length) ^ (corrupt ? 1u : 0u);
            result[frame.Length] = (byte)crc;
            result[frame.Length + 1] = (byte)(crc >> 8);
            result[frame.Length + 2] = (byte)(crc >> 16);
            result[frame.Length + 3] = (byte)(crc >> 24);
            return result;
        }
    }

    internal sealed class Packet
    {
        public int Start;
        public int Next;
        public int ByteCount;
        public uint Status;
        public byte[] Data;

        public bool ReceivedOk => (Status & (1u << 23)) != 0;
    }
}
