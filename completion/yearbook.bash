# bash completion for yearbook: commands, options, option values (styles,
# tree|layout, files) and *.ini / *.txt operands.  The program answers
# (yearbook __complete CWORD WORDS...), so this file never goes stale:
# a line ":files GLOB..." asks for file names matching those globs (and
# folders), ":dirs" for folders only; every other line is a word to offer.
_yearbook() {
	local cur=${COMP_WORDS[COMP_CWORD]} line f g
	local -a globs=()
	[ "$cur" = "=" ] && cur=
	COMPREPLY=()
	while IFS= read -r line; do
		case $line in
		:files\ *) read -r -a globs <<<"${line#:files }" ;;
		:dirs) globs=(/) ;;
		*) COMPREPLY+=("$line") ;;
		esac
	done < <(command "${COMP_WORDS[0]}" __complete "$COMP_CWORD" "${COMP_WORDS[@]}" 2>/dev/null)
	[ ${#globs[@]} -eq 0 ] && return 0
	compopt -o filenames 2>/dev/null
	if [ "${globs[0]}" = / ]; then
		mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -d -- "$cur")
		return 0
	fi
	while IFS= read -r f; do
		if [ -d "$f" ]; then
			COMPREPLY+=("$f")
			continue
		fi
		for g in "${globs[@]}"; do
			# shellcheck disable=SC2254
			case $f in $g) COMPREPLY+=("$f"); break ;; esac
		done
	done < <(compgen -f -- "$cur")
}
complete -F _yearbook yearbook
