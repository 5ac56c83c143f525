package dev.switchboard.launcher.plugin;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The packages a class file refers to, read from its constant pool without loading it: the
 * packages of the classes it names ({@code CONSTANT_Class}) and of the types in its descriptors
 * and signatures ({@code Ljava/sql/Timestamp;}), which is every type its code can make the JVM
 * load. String constants are not references and are left out.
 */
final class ClassReferences {

    private static final int MAGIC = 0xCAFEBABE;
    private static final int UTF8 = 1;
    private static final int CLASS = 7;
    private static final int STRING = 8;

    private ClassReferences() {}

    /**
     * @param classFile a class file's bytes, from its position to its limit; the position moves
     * @return the packages it refers to, dotted, its own among them; only ASCII names (every JDK
     *     package name is ASCII)
     * @throws IllegalArgumentException if the bytes are not a class file
     */
    static Set<String> packages(ByteBuffer classFile) {
        try {
            return read(classFile);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("a truncated class file", e);
        }
    }

    private static Set<String> read(ByteBuffer in) {
        if (in.getInt() != MAGIC) {
            throw new IllegalArgumentException("not a class file");
        }
        in.getInt(); // minor and major version
        int count = Short.toUnsignedInt(in.getShort());
        int[] utf8Start = new int[count];
        int[] utf8Length = new int[count];
        BitSet classNames = new BitSet(count);
        BitSet strings = new BitSet(count);
        for (int i = 1; i < count; i++) {
            int tag = Byte.toUnsignedInt(in.get());
            switch (tag) {
                case UTF8 -> {
                    utf8Length[i] = Short.toUnsignedInt(in.getShort());
                    utf8Start[i] = in.position();
                    in.position(in.position() + utf8Length[i]);
                }
                case CLASS -> classNames.set(Short.toUnsignedInt(in.getShort()));
                case STRING -> strings.set(Short.toUnsignedInt(in.getShort()));
                case 16, 19, 20 -> in.position(in.position() + 2); // MethodType, Module, Package
                case 15 -> in.position(in.position() + 3); // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.position(in.position() + 4);
                case 5, 6 -> { // Long and Double take two entries
                    in.position(in.position() + 8);
                    i++;
                }
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
            }
        }
        Set<String> packages = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            if (utf8Start[i] == 0 || strings.get(i)) {
                continue;
            }
            int start = utf8Start[i];
            int end = start + utf8Length[i];
            if (classNames.get(i) && in.get(start) != '[') {
                addPackage(in, start, end, packages);
            } else {
                addDescriptorPackages(in, start, end, packages);
            }
        }
        return packages;
    }

    /** Every {@code L<name>;} (or {@code L<name><}, in a generic signature) in a descriptor or signature. */
    private static void addDescriptorPackages(ByteBuffer in, int start, int end, Set<String> packages) {
        for (int i = start; i < end; i++) {
            if (in.get(i) != 'L') {
                continue;
            }
            int nameEnd = i + 1;
            while (nameEnd < end && in.get(nameEnd) != ';' && in.get(nameEnd) != '<') {
                nameEnd++;
            }
            if (nameEnd == end) {
                return;
            }
            addPackage(in, i + 1, nameEnd, packages);
            i = nameEnd;
        }
    }

    /** The package of the internal class name {@code java/sql/Timestamp} between start and end. */
    private static void addPackage(ByteBuffer in, int start, int end, Set<String> packages) {
        int lastSlash = -1;
        for (int i = start; i < end; i++) {
            byte b = in.get(i);
            if (b < 0) {
                return; // not ASCII: no JDK package
            }
            if (b == '/') {
                lastSlash = i;
            }
        }
        if (lastSlash > start) {
            byte[] name = new byte[lastSlash - start];
            in.get(start, name);
            packages.add(new String(name, StandardCharsets.ISO_8859_1).replace('/', '.'));
        }
    }
}
