#compdef yearbook
# zsh completion for yearbook: commands, options, option values (styles,
# tree|layout, files) and *.ini / *.txt operands.  The program answers
# (yearbook __complete CWORD WORDS...): a line ":files GLOB..." asks for
# file names matching those globs (and folders), ":dirs" for folders only;
# every other line is a word to offer.  Installed as _yearbook in a folder of $fpath.
_yearbook() {
	local line
	local -a reply globs
	local dirs=0
	for line in "${(@f)$(${words[1]} __complete $((CURRENT - 1)) "${(@)words[1,CURRENT]}" 2>/dev/null)}"; do
		case $line in
		(:files\ *) globs=(${=line#:files }) ;;
		(:dirs) dirs=1 ;;
		(?*) reply+=("$line") ;;
		esac
	done
	[[ $PREFIX == --*=* ]] && compset -P '*='
	local ret=1
	(( $#reply )) && compadd -a reply && ret=0
	(( dirs )) && _files -/ && ret=0
	if (( $#globs )); then
		_files -g "(${(j:|:)globs})" && ret=0
	fi
	return ret
}
_yearbook "$@"
