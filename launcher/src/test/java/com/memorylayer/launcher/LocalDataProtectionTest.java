package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev launcher's data directory is its owner's alone, made so rather than narrowed afterwards, and so are the
 * secrets in it; the Postgres password is made once and kept, and a lost one is not silently replaced.
 */
class LocalDataProtectionTest {

    @TempDir
    Path temp;

    @Test
    void aNewDataDirectoryIsOwnerOnlyAndAnOldOneIsNarrowed() throws Exception {
        Path fresh = DataDirectory.prepare(temp.resolve("new").resolve(".memorylayer"));
        assertThat(mode(fresh)).isEqualTo("rwx------");

        Path old = Files.createDirectory(temp.resolve("old"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertThat(mode(old)).as("as an older launcher left it, with the umask").isEqualTo("rwxr-xr-x");
        DataDirectory.prepare(old);
        assertThat(mode(old)).isEqualTo("rwx------");
    }

    @Test
    void secretsAreWrittenOwnerOnlyEvenOverALeftoverTempFile() throws Exception {
        Path file = temp.resolve("secret");
        // What a crash between create and rename may leave, readable by all.
        Files.createFile(temp.resolve("secret.tmp"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));

        OwnerOnlyFile.write(file, "first");
        assertThat(Files.readString(file)).isEqualTo("first");
        assertThat(mode(file)).isEqualTo("rw-------");
        OwnerOnlyFile.write(file, "second");
        assertThat(Files.readString(file)).isEqualTo("second");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(temp.resolve("secret.tmp")).doesNotExist();
    }

    @Test
    void thePostgresPasswordIsMadeOnceKeptOwnerOnlyAndNotReplacedWhenLost() throws Exception {
        String password = LocalSecret.postgresPassword(temp);
        assertThat(password).hasSizeGreaterThanOrEqualTo(40).matches("[A-Za-z0-9_-]+");
        assertThat(mode(temp.resolve(LocalSecret.POSTGRES_PASSWORD))).isEqualTo("rw-------");
        assertThat(LocalSecret.postgresPassword(temp)).isEqualTo(password);
        assertThat(LocalSecret.keyHashSecret(temp)).isNotEqualTo(password);

        // A cluster that asks for the password it was given, and the file holding it gone: a new password would lock
        // the launcher out of its own data, so it says so instead.
        Files.delete(temp.resolve(LocalSecret.POSTGRES_PASSWORD));
        Path cluster = Files.createDirectories(temp.resolve(Platform.POSTGRES_DIRECTORY));
        Files.writeString(cluster.resolve("pg_hba.conf"), "# TYPE DATABASE USER ADDRESS METHOD\n"
                + "host all all 127.0.0.1/32 scram-sha-256\n");
        assertThatThrownBy(() -> LocalSecret.postgresPassword(temp))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(LocalSecret.POSTGRES_PASSWORD + " is missing");

        // A cluster from before passwords (zonky's trust) is given a fresh one.
        Files.writeString(cluster.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
        assertThat(LocalSecret.postgresPassword(temp)).isNotEqualTo(password);
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
