// Batch mode (-B, or every -D given) does not check the properties' patterns: check them here,
// and remove the generated project when one is wrong, so that the command can simply be run again.
def checks = [
    serviceName: [~/[a-z][a-z0-9]*(-[a-z0-9]+)*/, 'lower case letters, digits and single dashes, starting with a letter'],
    classPrefix: [~/[A-Z][A-Za-z0-9]*/, 'a Java class name prefix: letters and digits, starting with an upper-case letter'],
]
def wrong = checks.findAll { key, check -> !(request.getProperties().getProperty(key) ==~ check[0]) }
if (wrong) {
    new File(request.outputDirectory, request.artifactId).deleteDir()
    throw new IllegalArgumentException(wrong.collect { key, check ->
        "-D${key}=${request.getProperties().getProperty(key)}: expected ${check[1]}"
    }.join('; '))
}
