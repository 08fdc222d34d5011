using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Tests.Harness
{
    /// <summary>
    /// One emulated ENC28J60 (strict mode), the driver under test wired to it, a capturing wire and a log of every
    /// register access. Frames and addresses are built here so the tests read as the acceptance checks do.
    /// </summary>
    internal sealed class Rig
    {
        public static readonly byte[] OurMac = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
        public static readonly byte[] PeerMac = { 0x02, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE };
        public static readonly byte[] BroadcastMac = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };

        private readonly byte[] _receiveBuffer = new byte[2048];

        public Rig(Action<Enc28j60ChipOptions> chip = null, Action<Enc28j60Options> driver = null,
            bool interruptPin = false, bool resetPin = false, bool initialize = true, bool levelPin = false)
        {
            // A rev. B7 part with every erratum B7 has switched on, strict protocol checking, real-time wire.
            var chipOptions = new Enc28j60ChipOptions { Strict = true };
            chip?.Invoke(chipOptions);
            Chip = new Enc28j60Chip(chipOptions);
            Spy = new SpyBus(Chip);
            Wire = new CapturingWire();
            Chip.Wire = Wire;
            Chip.LinkUp = true;
            Chip.RegisterAccessed += access => Log.Add(access);
            Clock = new ChipClock(Chip);
            Options = new Enc28j60Options { MacAddress = (byte[])OurMac.Clone() };
            driver?.Invoke(Options);
            Pin = interruptPin ? new EdgeLatchPin(Chip) : null;
            Reset = resetPin ? new ChipResetPin(Chip) : null;
            IInterruptPin pin = levelPin ? new LevelPin(Chip) : (IInterruptPin)Pin;
            Driver = new Enc28j60Driver(Spy, Clock, Options, Reset, pin);
            if (initialize)
            {
                Assert.AreEqual(Enc28j60InitResult.Success, Driver.Initialize());
            }
        }

        public Enc28j60Chip Chip { get; }

        public SpyBus Spy { get; }

        public Enc28j60Driver Driver { get; }

        public CapturingWire Wire { get; }

        public ChipClock Clock { get; }

        public Enc28j60Options Options { get; }

        public EdgeLatchPin Pin { get; }

        public ChipResetPin Reset { get; }

        public List<Enc28j60RegisterAccess> Log { get; } = new List<Enc28j60RegisterAccess>();

        /// <summary>A frame to <paramref name="destination"/> from the peer: EtherType 0x88B5 (local experimental)
        /// and a payload derived from <paramref name="seed"/>, <paramref name="length"/> bytes in all.</summary>
        public static byte[] MakeFrame(byte[] destination, int length, int seed)
        {
            var frame = new byte[length];
            Array.Copy(destination, 0, frame, 0, 6);
            Array.Copy(PeerMac, 0, frame, 6, 6);
            frame[12] = 0x88;
            frame[13] = 0xB5;
            var random = new Random(seed);
            for (int i = 14; i < length; i++)
            {
                frame[i] = (byte)random.Next(256);
            }

            return frame;
        }

        /// <summary>A frame from the stack: our address as source.</summary>
        public static byte[] MakeOutgoingFrame(int length, int seed)
        {
            byte[] frame = MakeFrame(PeerMac, length, seed);
            Array.Copy(OurMac, 0, frame, 6, 6);
            return frame;
        }

        /// <summary>The frame the stack should see for a frame of that length sent from the wire (padded to 60).</summary>
        public static byte[] Padded(byte[] frame)
        {
            if (frame.Length >= 60)
            {
                return frame;
            }

            var padded = new byte[60];
            Array.Copy(frame, padded, frame.Length);
            return padded;
        }

        /// <summary>The frame followed by its Ethernet FCS (CRC-32, reflected, least significant byte first).</summary>
        public static byte[] WithFcs(byte[] frame)
        {
            uint crc = 0xFFFFFFFF;
            foreach (byte b in frame)
            {
                crc ^= b;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                }
            }

            crc = ~crc;
            var result = new byte[frame.Length + 4];
            Array.Copy(frame, result, frame.Length);
            for (int i = 0; i < 4; i++)
            {
                result[frame.Length + i] = (byte)(crc >> (8 * i));
            }

            return result;
        }

        public void Inject(byte[] frame)
        {
            Assert.IsTrue(Chip.ReceiveFromWire(frame, 0, frame.Length), "the emulator did not store the frame");
        }

        /// <summary>One call of <see cref="Enc28j60Driver.Receive"/>; null when it returned 0.</summary>
        public byte[] ReceiveOne()
        {
            int length = Driver.Receive(_receiveBuffer, 0, _receiveBuffer.Length);
            if (length == 0)
            {
                return null;
            }

            var frame = new byte[length];
            Array.Copy(_receiveBuffer, frame, length);
            return frame;
        }

        /// <summary>Receives until the driver returns 0 (bounded).</summary>
        public List<byte[]> ReceiveAll(int bound = 1000)
        {
            var frames = new List<byte[]>();
            for (int i = 0; i < bound; i++)
            {
                byte[] frame = ReceiveOne();
                if (frame == null)
                {
                    break;
                }

                frames.Add(frame);
            }

            return frames;
        }

        /// <summary>Lets virtual time pass and services the driver meanwhile.</summary>
        public void Idle(long microseconds)
        {
            Chip.AdvanceTime(microseconds);
            Driver.Service();
        }

        public byte Register(int bank, int address) => Chip.PeekControlRegister(bank, address);

        public int Register16(int bank, int lowAddress) =>
            Chip.PeekControlRegister(bank, lowAddress) | (Chip.PeekControlRegister(bank, lowAddress + 1) << 8);

        public void AssertNoViolations()
        {
            Assert.AreEqual(0, Chip.ViolationCount, Chip.LastViolation);
        }

        public static void AssertFrame(byte[] expected, byte[] actual)
        {
            Assert.IsNotNull(actual, "no frame");
            CollectionAssert.AreEqual(expected, actual);
        }
    }
}
