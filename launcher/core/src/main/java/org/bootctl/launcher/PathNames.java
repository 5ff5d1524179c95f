package org.bootctl.launcher;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Paths, and why a file operation on one failed, as messages show them: relative to the working folder when inside it, so lines stay short. */
public final class PathNames {

    private PathNames() {
    }

    /**
     * Why a file operation failed, in words: the system's reason and the file, never an exception's
     * class name (an IOException's own message is often the path alone).
     */
    public static String why(Exception e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (e instanceof FileAlreadyExistsException inTheWay) {
            return "a file is in the way of a folder: " + inTheWay.getFile();
        }
        if (e instanceof NoSuchFileException missing) {
            return "no such file or folder: " + missing.getFile();
        }
        if (e instanceof FileSystemException failed && failed.getReason() != null) {
            return failed.getReason() + ": " + (failed.getOtherFile() != null ? failed.getOtherFile() : failed.getFile());
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "an input/output error" : message;
    }

    public static String show(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path here = Paths.get("").toAbsolutePath().normalize();
        if (absolute.startsWith(here) && !absolute.equals(here)) {
            return here.relativize(absolute).toString();
        }
        return absolute.toString();
    }
}
